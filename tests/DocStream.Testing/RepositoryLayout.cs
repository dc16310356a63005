using System.Reflection;

namespace DocStream.Testing;

/// <summary>Finds the repository's files from a test's output directory.</summary>
public static class RepositoryLayout
{
    /// <summary>The repository root: the nearest directory above the tests that holds <c>DocStream.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The server's entry assembly, built by the same build as the tests.</summary>
    public static string ServerAssembly => Path.Combine(Root, "src", "DocStream.Server", "bin", Configuration, "net10.0", "DocStream.Server.dll");

    /// <summary>The sample corpus shipped in the repository.</summary>
    public static string SampleDirectory => Path.Combine(Root, "samples", "news");

    /// <summary>A tool installed under <c>tools/node_modules/.bin</c> by <c>npm ci</c>.</summary>
    public static string NodeTool(string name) => Path.Combine(Root, "tools", "node_modules", ".bin", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DocStream.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DocStream.slnx above {AppContext.BaseDirectory}.");
    }
}
