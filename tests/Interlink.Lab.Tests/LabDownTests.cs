namespace Interlink.Lab.Tests;

/// <summary>
/// <c>lab down</c> with no lab up has nothing to remove and needs none of the lab's tools: it succeeds saying so,
/// even where nft is not installed (it failed asking for nft). With something to remove, the tools are checked.
/// </summary>
public sealed class LabDownTests : IDisposable
{
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("interlink-lab-down-").FullName;

    public void Dispose() => Directory.Delete(stateDirectory, recursive: true);

    [Fact]
    public async Task Down_with_no_lab_up_succeeds_without_the_lab_s_tools()
    {
        var report = await LabRuntime.DownCheckedAsync(new LabOptions { StateDirectory = stateDirectory }, NoNft, _ => []);

        Assert.True(report.NothingUp);
        Assert.Empty(report.Leftovers);
    }

    [Fact]
    public async Task Down_with_something_of_a_lab_left_still_needs_the_tools_and_says_which()
    {
        var error = await Assert.ThrowsAsync<LabException>(() =>
            LabRuntime.DownCheckedAsync(new LabOptions { StateDirectory = stateDirectory }, NoNft, _ => ["namespace il-provider-vpc"]));

        Assert.Contains("'nft'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_file_alone_counts_as_something_to_remove()
    {
        File.WriteAllText(Path.Combine(stateDirectory, LabState.FileName), "{}");

        Assert.Contains(LabRuntime.LabObjects(stateDirectory), o => o.StartsWith("state ", StringComparison.Ordinal));
    }

    private static void NoNft() => throw new LabException("the lab needs 'nft': apt-get install -y nftables");
}
