using System.Diagnostics;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Blob;

[Trait("Category", "Emulator")]
public sealed class AzuriteWatchdogTests
{
    [Fact]
    public async Task Azurite_ExitsByItself_WhenTheProcessThatStartedItDies()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "marketintel-azurite-watchdog-" + Guid.NewGuid().ToString("N")[..8]);
        using var parent = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            await using var emulator = await NodeEmulators.StartAzuriteAsync(scratch, parent.Id);
            Assert.False(emulator.HasExited);

            parent.Kill();
            await parent.WaitForExitAsync();

            Assert.True(await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)), "Azurite outlived its parent");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }

            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
