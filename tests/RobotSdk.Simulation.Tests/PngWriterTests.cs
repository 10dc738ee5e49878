using System.Diagnostics;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

public sealed class PngWriterTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Decodes a PNG with Python's zlib (all five filter types), printing the raw pixel bytes to stdout.</summary>
    private const string PythonDecoder = """
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
        pos, idat, header = 8, b'', None
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            crc, = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
            assert crc == zlib.crc32(kind + body) & 0xffffffff, 'crc of ' + kind.decode()
            if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
            if kind == b'IDAT': idat += body
            pos += 12 + length
        width, height, depth, colour, _, _, _ = header
        assert depth == 8
        bpp = {0: 1, 2: 3}[colour]
        raw = zlib.decompress(idat)
        stride = width * bpp
        out, prev = bytearray(), bytearray(stride)
        for y in range(height):
            f = raw[y * (stride + 1)]
            line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                else: assert f == 0, 'filter'
            out += line; prev = line
        sys.stdout.buffer.write(struct.pack('>IIB', width, height, colour) + bytes(out))
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-png-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Crc32_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Initial, "1234"u8), "56789"u8)));
    }

    [Theory]
    [InlineData(PixelFormat.Rgb24, 37, 23)]
    [InlineData(PixelFormat.Gray8, 41, 19)]
    [InlineData(PixelFormat.Rgb24, 1, 1)]
    public void Write_RoundTripsExactly_ThroughPythonsZlib(PixelFormat format, int width, int height)
    {
        int channels = format == PixelFormat.Rgb24 ? 3 : 1;
        var pixels = new byte[width * height * channels];
        new Random(width * height).NextBytes(pixels);
        string path = Path.Combine(_directory, $"{format}-{width}x{height}.png");
        PngWriter.WriteFile(path, new CameraFrame(width, height, format, pixels, 0, 0));

        byte[] decoded = Run("/usr/bin/python3", ["-c", PythonDecoder, path]);

        Assert.Equal(9 + pixels.Length, decoded.Length);
        Assert.Equal(width, (decoded[0] << 24) | (decoded[1] << 16) | (decoded[2] << 8) | decoded[3]);
        Assert.Equal(height, (decoded[4] << 24) | (decoded[5] << 16) | (decoded[6] << 8) | decoded[7]);
        Assert.Equal(format == PixelFormat.Rgb24 ? 2 : 0, decoded[8]);
        Assert.Equal(pixels, decoded[9..]);
    }

    [Fact]
    public async Task Write_ARenderedFrame_DecodesExactly_WithFfmpeg()
    {
        if (!File.Exists("/usr/bin/ffmpeg"))
        {
            return; // ffmpeg is optional here; the Python round trip covers the format
        }

        using VirtualWorld world = VirtualWorld.CreateSo101();
        SimulatedCameraOptions options = SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(SimulationModels.So101), "scene");
        await using var camera = new SimulatedCamera(world, options); // 640x480
        CameraFrame frame = camera.RenderOnce();
        var scratch = new byte[camera.FrameLength];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 10; i++)
        {
            camera.RenderOnce(scratch);
        }

        output.WriteLine($"SO-101 scene 640x480: {Stopwatch.GetElapsedTime(start).TotalMilliseconds / 10:0.0} ms per RenderOnce");
        string path = Path.Combine(_directory, "scene.png");
        start = Stopwatch.GetTimestamp();
        PngWriter.WriteFile(path, frame);
        output.WriteLine($"PNG: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:0.0} ms, {new FileInfo(path).Length} bytes");

        byte[] decoded = Run("/usr/bin/ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);

        Assert.Equal(frame.Pixels.ToArray(), decoded);
        Assert.True(new FileInfo(path).Length < frame.Pixels.Length / 2, "the Up filter and zlib should at least halve a rendered scene");
    }

    [Fact]
    public void Write_RejectsAMismatchedBuffer()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => PngWriter.Write(stream, new byte[10], 2, 2, PixelFormat.Rgb24));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, [], 0, 2, PixelFormat.Gray8));
    }

    private static byte[] Run(string program, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        using var output = new MemoryStream();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {errors.Result}");
        return output.ToArray();
    }
}
