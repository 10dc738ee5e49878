namespace RobotSdk;

/// <summary>Where a camera is mounted, which decides how calibration treats it.</summary>
public enum CameraMount
{
    /// <summary>Fixed in the scene, looking at the arm (eye-to-hand).</summary>
    Fixed,

    /// <summary>Carried by the arm, usually on the wrist (eye-in-hand).</summary>
    Wrist,
}
