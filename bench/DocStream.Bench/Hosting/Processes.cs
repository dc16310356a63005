using System.Diagnostics;
using System.Globalization;

namespace DocStream.Bench.Hosting;

/// <summary>Linux process helpers: finding processes by command line, pinning them to a core, reading their memory.</summary>
public static class Processes
{
    /// <summary>The core the servers (DocStream, baselines, PostgreSQL) run on; run.sh starts the client on core 1.</summary>
    public const int ServerCore = 0;

    /// <summary>Ids of the processes whose command line (arguments joined by spaces) contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return found;
    }

    /// <summary>Pins every thread of <paramref name="pid"/> and of all its descendants to <paramref name="core"/>.</summary>
    public static void PinTree(int pid, int core)
    {
        foreach (var member in Descendants(pid).Prepend(pid))
        {
            using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", core.ToString(CultureInfo.InvariantCulture), member.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("taskset did not start.");
            taskset.StandardOutput.ReadToEnd();
            taskset.WaitForExit();
        }
    }

    /// <summary>A field of /proc/PID/status in kB, e.g. VmHWM (peak resident set) or VmRSS.</summary>
    public static long StatusKilobytes(int pid, string field) => ProcField($"/proc/{pid}/status", field);

    /// <summary>A field of /proc/PID/io in bytes, e.g. rchar (everything read, page cache hits included).</summary>
    public static long IoBytes(int pid, string field) => ProcField($"/proc/{pid}/io", field);

    /// <summary>Empties the kernel's page cache so that the next reads go to the disk; false when not permitted (not root).</summary>
    public static bool TryDropPageCache()
    {
        using var sync = Process.Start("sync");
        sync?.WaitForExit();

        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "3");
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    /// <summary>CPU time (user and system) <paramref name="pid"/> has used so far, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields after the parenthesised command name start at field 3 (state); utime and stime are fields 14 and 15,
        // in clock ticks of 1/100 s (USER_HZ, fixed at 100 on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// CPU time (user and system) used so far by <paramref name="roots"/> and all their descendants, each counted once,
    /// in seconds; with the time of the children they have waited for (<c>cutime</c>, <c>cstime</c>), so that a child
    /// that exited between two readings (a PostgreSQL backend) keeps counting through its parent.
    /// </summary>
    public static double TreeCpuSeconds(IEnumerable<int> roots)
    {
        var members = roots.SelectMany(root => Descendants(root).Prepend(root)).Distinct().ToArray();
        double total = 0;
        foreach (var pid in members)
        {
            try
            {
                var fields = StatFields(pid);
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException)
            {
                // Exited and reaped since the list was taken: its time is now its parent's cutime.
            }
        }

        return total;
    }

    // The fields of /proc/PID/stat after the parenthesised command name, from field 3 (state) on.
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long ProcField(string path, string field)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{path} has no {field}.");
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            try
            {
                // Fields after the parenthesised command name: state, then the parent's id.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(child);
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
        }

        var pending = new Stack<int>([pid]);
        while (pending.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(pending.Pop()) ?? [])
            {
                pending.Push(child);
                yield return child;
            }
        }
    }
}
