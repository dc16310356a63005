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
            // Enough articles that loading them takes a while, so start-up can be seen from outside.
            var paragraph = string.Concat(Enumerable.Repeat("فقرة من نص الخبر للاختبار. ", 400));
            for (var i = 0; i < 300; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(samples, $"{i:D4}.txt"), $"خبر رقم {i}\n\n{paragraph}\n\nالمصدر: الاختبار\n", Encoding.UTF8);
            }

            await using var server = DocStreamServerProcess.StartWithoutWaiting($"--Corpus:SampleDirectory={samples}");
            var health = new Health.HealthClient(server.Channel);
            var seen = new List<HealthCheckResponse.Types.ServingStatus>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !seen.Contains(HealthCheckResponse.Types.ServingStatus.Serving))
            {
                try
                {
                    seen.Add((await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Status);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
                {
                    await Task.Delay(20);
                }
            }

            Assert.Contains(HealthCheckResponse.Types.ServingStatus.NotServing, seen);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, seen[^1]);
            Assert.Equal(300, (await server.Client.ListAllNamesAsync(pageSize: 1000)).Count);
            Assert.Empty(server.LoggedErrors());
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
