using System.Diagnostics;
using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// ajv (draft-04), an implementation of JSON Schema independent of .NET, run through tests/js/validate-schema.mjs. CI
/// installs it and sets CITYRISK_REQUIRE_NODE=1; elsewhere a test that needs it skips, saying how to install it.
/// </summary>
internal static class Ajv
{
    /// <summary>Asserts that every file and every document is valid against the schema for ajv.</summary>
    /// <param name="schemaPath">The schema.</param>
    /// <param name="files">Files to check as they are.</param>
    /// <param name="documents">Documents to check, written to temporary files under their names.</param>
    public static async Task ExpectValidAsync(string schemaPath, IEnumerable<string> files, IEnumerable<(string Name, string Json)>? documents = null)
    {
        var modules = Path.Combine(RepositoryRoot.Path, "tests", "js", "node_modules", "ajv-draft-04");
        if (Environment.GetEnvironmentVariable("CITYRISK_REQUIRE_NODE") != "1")
        {
            Assert.SkipUnless(Directory.Exists(modules), "ajv is not installed: run 'npm ci --prefix tests/js' (.ci/run does).");
        }

        var cancel = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("cityrisk-schema");
        try
        {
            var all = files.ToList();
            foreach (var (name, json) in documents ?? [])
            {
                var file = Path.Combine(folder.FullName, name.Replace('/', '-'));
                await File.WriteAllTextAsync(file, json, cancel);
                all.Add(file);
            }

            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, "tests", "js", "validate-schema.mjs"), schemaPath }.Concat(all))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancel);
            var error = await process.StandardError.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            Assert.True(process.ExitCode == 0, output + error);
            Assert.Contains($"{all.Count} valid", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
