using CityRisk.Fuzz;
using SharpFuzz;

// cityrisk-fuzz TARGET              run under afl-fuzz (persistent mode; once with standard input otherwise)
// cityrisk-fuzz TARGET --replay F.. run each file once and report: what the tests and a triage do
// cityrisk-fuzz TARGET --seeds DIR  write the seed corpus from the repository's vectors and samples
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: CityRisk.Fuzz TARGET [--replay FILE... | --seeds DIR [REPO]]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

if (args.Length >= 3 && args[1] == "--seeds")
{
    Directory.CreateDirectory(args[2]);
    var root = args.Length > 3 ? args[3] : Directory.GetCurrentDirectory();
    var count = 0;
    foreach (var (name, bytes) in FuzzTargets.Seeds(args[0], root))
    {
        File.WriteAllBytes(Path.Combine(args[2], name), bytes);
        count++;
    }

    Console.WriteLine($"{args[0]}: {count} seeds in {args[2]}");
    return count > 0 ? 0 : 1;
}

if (args.Length >= 2 && args[1] == "--replay")
{
    var failed = 0;
    foreach (var file in args.Skip(2))
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception ex)
        {
            failed++;
            Console.WriteLine($"{file}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    return failed == 0 ? 0 : 1;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
