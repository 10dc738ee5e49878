namespace RobotSdk.Transports.Tests;

public sealed class PseudoTerminalPairTests
{
    [Fact]
    public void Create_GivesASubordinateDevicePath()
    {
        using var pair = PseudoTerminalPair.Create();

        Assert.StartsWith("/dev/pts/", pair.SubordinatePath, StringComparison.Ordinal);
        Assert.True(File.Exists(pair.SubordinatePath));
        Assert.True(pair.Master.IsOpen);
    }

    [Fact]
    public void MasterRead_ReturnsZero_BeforeAnyClientOpenedTheSubordinate()
    {
        using var pair = PseudoTerminalPair.Create();

        Assert.Equal(0, pair.Master.Read(new byte[8], 20));
    }

    [Fact]
    public void Master_KeepsWorking_WhenAClientClosesAndAnotherOpens()
    {
        using var pair = PseudoTerminalPair.Create();
        using (var first = new LinuxSerialPort(pair.SubordinatePath))
        {
            first.Open();
            first.Write([1]);
            Assert.Equal(1, pair.Master.ReadExactly(new byte[1], 1000));
        }

        Assert.Equal(0, pair.Master.Read(new byte[8], 20));
        using var second = new LinuxSerialPort(pair.SubordinatePath);
        second.Open();
        second.Write([2]);
        var buffer = new byte[1];

        Assert.Equal(1, pair.Master.ReadExactly(buffer, 1000));
        Assert.Equal(2, buffer[0]);
    }

    [Fact]
    public void Master_DoesNotEchoBack_WhatItWroteBeforeTheClientConfiguredTheLine()
    {
        using var pair = PseudoTerminalPair.Create();

        pair.Master.Write("hello\r\n"u8);

        Assert.Equal(0, pair.Master.Read(new byte[16], 50));
    }

    [Fact]
    public void MasterBaudRate_IsReportedAsConfigured()
    {
        using var pair = PseudoTerminalPair.Create();

        pair.Master.BaudRate = 1000000;

        Assert.Equal(1000000, pair.Master.BaudRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => pair.Master.BaudRate = 1234);
    }

    [Fact]
    public void MasterOpen_Throws_BecauseTheMasterIsOpenedByCreate()
    {
        using var pair = PseudoTerminalPair.Create();

        Assert.Throws<InvalidOperationException>(pair.Master.Open);
        pair.Master.Close();
        Assert.Throws<InvalidOperationException>(pair.Master.Open);
        Assert.Throws<InvalidOperationException>(() => pair.Master.Read(new byte[1], 0));
    }

    [Fact]
    public void CreateLink_PointsAtTheSubordinate_AndDisposeRemovesIt()
    {
        string link = NewLinkPath();
        using (var pair = PseudoTerminalPair.Create())
        {
            pair.CreateLink(link);

            Assert.Equal(link, pair.LinkPath);
            Assert.Equal(pair.SubordinatePath, new FileInfo(link).LinkTarget);
        }

        // Only the link is checked: the kernel hands a freed /dev/pts number to the next process
        // that opens a pseudo-terminal at once, so whether the subordinate path exists afterwards
        // depends on what else runs on the machine.
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
    }

    [Fact]
    public void CreateLink_ReplacesAStaleLink()
    {
        string link = NewLinkPath();
        File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");
        using var pair = PseudoTerminalPair.Create();

        pair.CreateLink(link);

        Assert.Equal(pair.SubordinatePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void CreateLink_RefusesToReplaceARegularFile()
    {
        string path = Path.GetTempFileName();
        try
        {
            using var pair = PseudoTerminalPair.Create();

            Assert.Throws<IOException>(() => pair.CreateLink(path));
            Assert.True(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SubordinateRead_ThrowsDeviceDisconnected_WhenThePairIsDisposed()
    {
        var pair = PseudoTerminalPair.Create();
        using var port = new LinuxSerialPort(pair.SubordinatePath);
        port.Open();

        pair.Dispose();

        Assert.Throws<DeviceDisconnectedException>(() => port.Read(new byte[4], 1000));
    }

    private static string NewLinkPath() => Path.Combine(Path.GetTempPath(), $"ttyROBOTSDK-{Guid.NewGuid():N}");
}
