using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk.Drivers.AgileX;
using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Drivers.Elephant;
using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Drivers.UFactory;
using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Virtual;

/// <summary>
/// How each virtual arm is served: which device emulator stands in front of its simulated joints,
/// where clients connect, and which real driver (by profile name) talks to it.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed record VirtualArmWiring(
    string Driver,
    Func<IJointBackend, VirtualArmOptions, (IDisposable Emulator, string Port)> StartEmulator,
    Func<string, IRobotDriver> CreateDriver,
    int? ReplyTimeoutMs = null,
    int? MaxConsecutiveFailures = null)
{
    /// <summary>The profile driver names, as <c>robot</c> profiles spell them.</summary>
    public const string Feetech = "feetech";
    public const string Dynamixel = "dynamixel";
    public const string Piper = "piper";
    public const string Lite6 = "lite6";
    public const string MyCobot = "mycobot";

    // The emulator shares the machine's cores with the physics and the renderer, so a busy moment can
    // delay a reply in a way a real bus would not: the servo-bus drivers get a patient reply timeout.
    // The same holds for the controller arms' emulators: the PiPER's feedback frames, the Lite 6's replies.
    private const int PatientReplyTimeoutMs = 50;
    private const int PatientFeedbackTimeoutMs = 250;
    private const int PatientControllerReplyTimeoutMs = 150;
    private const int PatientFailureCount = 5;

    /// <summary>The wiring of the arm called <paramref name="arm"/> (a <c>SimulatedArms</c> name), or null when it has none.</summary>
    public static VirtualArmWiring? Find(string arm) => arm.ToLowerInvariant() switch
    {
        "so101" or "so100" => ForFeetech(FeetechArms.Find(arm)),
        "wx250s" or "vx300s" or "koch" => ForDynamixel(DynamixelArms.Find(arm) ?? throw new KeyNotFoundException($"No Dynamixel arm is called '{arm}'.")),
        PiperArm.Model => new(
            Piper,
            StartPiper,
            port => new PiperDriver(port, new PiperDriverOptions { FeedbackTimeoutMs = PatientFeedbackTimeoutMs, MaxConsecutiveFailures = PatientFailureCount }),
            PatientFeedbackTimeoutMs,
            PatientFailureCount),
        Lite6Arm.Model => new(
            Lite6,
            StartLite6,
            port => CreateLite6Driver(port, new Lite6DriverOptions { ReplyTimeoutMs = PatientControllerReplyTimeoutMs, MaxConsecutiveFailures = PatientFailureCount }),
            PatientControllerReplyTimeoutMs,
            PatientFailureCount),
        MyCobot280.Model => new(
            MyCobot,
            StartMyCobot,
            port => new MyCobotDriver(port, new MyCobotDriverOptions { MaxConsecutiveFailures = PatientFailureCount }),
            MaxConsecutiveFailures: PatientFailureCount),
        _ => null,
    };

    private static VirtualArmWiring ForFeetech(FeetechArm arm) => new(
        Feetech,
        (joints, options) =>
        {
            var emulator = new FeetechArmEmulator(arm, joints, new FeetechArmEmulatorOptions { LinkPath = options.LinkPath });
            return Started(emulator, emulator.Start, () => emulator.PortPath);
        },
        port => new FeetechArmDriver(port, arm, new FeetechArmDriverOptions
        {
            Bus = new FeetechBusOptions { ReplyTimeoutMs = PatientReplyTimeoutMs },
            MaxConsecutiveFailures = PatientFailureCount,
        }),
        PatientReplyTimeoutMs,
        PatientFailureCount);

    private static VirtualArmWiring ForDynamixel(DynamixelArm arm) => new(
        Dynamixel,
        (joints, options) =>
        {
            var emulator = new DynamixelArmEmulator(arm, joints, new DynamixelArmEmulatorOptions { LinkPath = options.LinkPath });
            return Started(emulator, emulator.Start, () => emulator.PortPath);
        },
        port => new DynamixelArmDriver(port, arm, new DynamixelArmDriverOptions
        {
            Bus = new DynamixelBusOptions { ReplyTimeoutMs = PatientReplyTimeoutMs },
            MaxConsecutiveFailures = PatientFailureCount,
        }),
        PatientReplyTimeoutMs,
        PatientFailureCount);

    private static (IDisposable, string) StartPiper(IJointBackend joints, VirtualArmOptions options)
    {
        var emulator = new PiperEmulator(joints, new PiperEmulatorOptions { LinkPath = options.LinkPath });
        return Started(emulator, emulator.Start, () => emulator.PortPath);
    }

    private static (IDisposable, string) StartMyCobot(IJointBackend joints, VirtualArmOptions options)
    {
        var emulator = new MyCobotEmulator(joints, new MyCobotEmulatorOptions { LinkPath = options.LinkPath });
        return Started(emulator, emulator.Start, () => emulator.PortPath);
    }

    private static (IDisposable, string) StartLite6(IJointBackend joints, VirtualArmOptions options)
    {
        var emulator = new Lite6Emulator(joints, new Lite6EmulatorOptions { Port = options.ListenPort });
        return Started(emulator, emulator.Start, () => string.Create(CultureInfo.InvariantCulture, $"{Lite6Emulator.Host}:{emulator.Port}"));
    }

    private static Lite6Driver CreateLite6Driver(string endpoint, Lite6DriverOptions options)
    {
        int colon = endpoint.LastIndexOf(':');
        return new Lite6Driver(endpoint[..colon], int.Parse(endpoint.AsSpan(colon + 1), CultureInfo.InvariantCulture), options);
    }

    private static (IDisposable, string) Started(IDisposable emulator, Action start, Func<string> port)
    {
        try
        {
            start();
            return (emulator, port());
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }
}
