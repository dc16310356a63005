using System.Diagnostics;
using System.Text;
using DocStream.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace DocStream.Server.Tests.EndToEnd;

public class HealthTests
{
    [Fact]
    public async Task HealthCheck_WhileTheSampleCorpusLoads_IsNotServingThenServing()
    {
        var samples = Directory.CreateTempSubdirectory("docstream-samples-").FullName;
        try
        {
            for (var i = 0; i < 30; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(samples, $"{i:D4}.txt"), $"خبر رقم {i}\n\nفقرة من نص الخبر.\n\nالمصدر: الاختبار\n", Encoding.UTF8);
            }

            // The last sample is a named pipe: the server's read of it waits until the test writes it, so loading
            // the corpus lasts exactly as long as the test wants, however fast the import is.
            var pipe = Path.Combine(samples, "9999.txt");
            using (var mkfifo = Process.Start("mkfifo", pipe))
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            await using var server = DocStreamServerProcess.StartWithoutWaiting($"--Corpus:SampleDirectory={samples}");
            var health = new Health.HealthClient(server.Channel);
            var whileLoading = await StatusOnceAnsweringAsync(health);
            await File.WriteAllTextAsync(pipe, "الخبر الأخير\n\nفقرة.\n", Encoding.UTF8);
            var seen = new List<HealthCheckResponse.Types.ServingStatus>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !seen.Contains(HealthCheckResponse.Types.ServingStatus.Serving))
            {
                seen.Add(await StatusOnceAnsweringAsync(health));
            }

            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, whileLoading);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, seen[^1]);
            Assert.Equal(31, (await server.Client.ListAllNamesAsync(pageSize: 1000)).Count);
            Assert.Empty(server.LoggedErrors());
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus> StatusOnceAnsweringAsync(Health.HealthClient health)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Status;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                // Not listening yet.
                await Task.Delay(20);
            }
        }
    }
}
