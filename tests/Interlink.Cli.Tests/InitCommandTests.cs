using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("relay")]
    [InlineData("native")]
    public void Init_writes_a_starter_config_of_the_mode_that_then_validates(string mode)
    {
        var path = _temp.File("interlink.yaml");

        var init = App.Run("init", "--mode", mode, path);

        Assert.True(init.ExitCode == ExitCodes.Ok, init.ToString());
        Assert.Contains(path, init.Output, StringComparison.Ordinal);
        Assert.Equal(["interlink.yaml"], _temp.FileNames());
        var validate = App.Run("validate", path);
        Assert.True(validate.ExitCode == ExitCodes.Ok, validate.ToString());
        Assert.Contains($"{path}: valid ({mode} mode", validate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_without_a_mode_writes_a_relay_config()
    {
        var path = _temp.File("interlink.yaml");

        Assert.Equal(ExitCodes.Ok, App.Run("init", path).ExitCode);

        Assert.Contains($"{path}: valid (relay mode", App.Run("validate", path).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_refuses_to_overwrite_an_existing_file_without_force_and_leaves_it_unchanged()
    {
        const string Mine = "# my own config, not to be lost\n";
        var path = _temp.Write("interlink.yaml", Mine);

        var result = App.Run("init", path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var line = Assert.Single(result.Lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--force", line, StringComparison.Ordinal);
        Assert.Equal(Mine, File.ReadAllText(path));
        Assert.Equal(["interlink.yaml"], _temp.FileNames());
    }

    [Fact]
    public void Init_with_force_overwrites_an_existing_file_with_a_config_that_validates()
    {
        var path = _temp.Write("interlink.yaml", "# my own config\n");

        var result = App.Run("init", "--force", "--mode", "native", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.NotEqual("# my own config\n", File.ReadAllText(path));
        Assert.Equal(ExitCodes.Ok, App.Run("validate", path).ExitCode);
        Assert.Equal(["interlink.yaml"], _temp.FileNames());
    }

    [Fact]
    public void Init_into_a_directory_that_does_not_exist_exits_2_and_writes_nothing()
    {
        var directory = _temp.File("missing");
        var path = Path.Combine(directory, "interlink.yaml");

        var result = App.Run("init", path);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        var line = Assert.Single(result.Lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
        Assert.Empty(_temp.FileNames());
    }
}
