// The partner demo: an embedded CityRisk hub on loopback with a SQLite file, and partners exchanging alerts over
// the wire through the SDK. Exits 0 when every partner received exactly what concerned it.
using CityRisk.Demo;

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await DemoRun.RunAsync(Console.Out, cancel.Token);
