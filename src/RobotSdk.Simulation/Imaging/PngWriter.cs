using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace RobotSdk.Simulation.Imaging;

/// <summary>
/// Writes 8-bit RGB (<see cref="PixelFormat.Rgb24"/>) and greyscale (<see cref="PixelFormat.Gray8"/>)
/// images as PNG: one IHDR, one IDAT (zlib, every row filtered with PNG's "Up" filter), IEND, each
/// chunk with its CRC-32. Non-interlaced, no colour profile. Needs no image library.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="frame"/> as a PNG file at <paramref name="path"/> (replacing any file there).</summary>
    /// <exception cref="ArgumentException">The frame's pixels do not match its size and format.</exception>
    public static void WriteFile(string path, CameraFrame frame)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(frame);
        using FileStream stream = File.Create(path);
        Write(stream, frame.Pixels.Span, frame.Width, frame.Height, frame.Format);
    }

    /// <summary>Writes <paramref name="frame"/> as PNG to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">The frame's pixels do not match its size and format.</exception>
    public static void Write(Stream stream, CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Write(stream, frame.Pixels.Span, frame.Width, frame.Height, frame.Format);
    }

    /// <summary>Writes an image as PNG to <paramref name="stream"/> (which stays open).</summary>
    /// <param name="stream">Where the PNG goes.</param>
    /// <param name="pixels">Rows top to bottom, no padding: width x height x (3 for RGB24, 1 for Gray8) bytes.</param>
    /// <param name="width">Width in pixels, 1 or more.</param>
    /// <param name="height">Height in pixels, 1 or more.</param>
    /// <param name="format">The pixel layout.</param>
    /// <exception cref="ArgumentException">The buffer length does not match, or the format is unknown.</exception>
    public static void Write(Stream stream, ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        (int channels, byte colorType) = format switch
        {
            PixelFormat.Rgb24 => (3, (byte)2),
            PixelFormat.Gray8 => (1, (byte)0),
            _ => throw new ArgumentException($"PNG output supports Rgb24 and Gray8, not {format}.", nameof(format)),
        };
        long rowBytes = (long)width * channels;
        if (pixels.Length != rowBytes * height)
        {
            throw new ArgumentException($"The buffer has {pixels.Length} bytes; a {width}x{height} {format} image needs {rowBytes * height}.", nameof(pixels));
        }

        stream.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bit depth
        header[9] = colorType;  // 2 truecolour, 0 greyscale
        header[10] = 0;         // deflate
        header[11] = 0;         // adaptive filtering
        header[12] = 0;         // no interlace
        WriteChunk(stream, "IHDR"u8, header);

        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                byte[] row = ArrayPool<byte>.Shared.Rent((int)rowBytes + 1);
                try
                {
                    Span<byte> filtered = row.AsSpan(0, (int)rowBytes + 1);
                    for (int y = 0; y < height; y++)
                    {
                        ReadOnlySpan<byte> current = pixels.Slice((int)(y * rowBytes), (int)rowBytes);
                        filtered[0] = 2; // Up: each byte minus the byte above (zero above the first row)
                        if (y == 0)
                        {
                            current.CopyTo(filtered[1..]);
                        }
                        else
                        {
                            ReadOnlySpan<byte> above = pixels.Slice((int)((y - 1) * rowBytes), (int)rowBytes);
                            for (int i = 0; i < current.Length; i++)
                            {
                                filtered[i + 1] = (byte)(current[i] - above[i]);
                            }
                        }

                        zlib.Write(filtered);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(row);
                }
            }

            WriteChunk(stream, "IDAT"u8, data.GetBuffer().AsSpan(0, (int)data.Length));
        }

        WriteChunk(stream, "IEND"u8, []);
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        stream.Write(field);
        stream.Write(type);
        stream.Write(data);
        uint crc = Crc32.Append(Crc32.Append(Crc32.Initial, type), data);
        BinaryPrimitives.WriteUInt32BigEndian(field, Crc32.Finish(crc));
        stream.Write(field);
    }
}
