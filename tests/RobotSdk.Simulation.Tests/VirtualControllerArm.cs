using RobotSdk.Drivers.AgileX;
using RobotSdk.Drivers.UFactory;

namespace RobotSdk.Simulation.Tests;

/// <summary>A virtual controller arm as the tests use it: the world, the driver's description and the vendors' URDF figures.</summary>
/// <param name="Arm">The virtual arm (world, joints, rest pose).</param>
/// <param name="Description">The driver's description (joints, limits, kinematics).</param>
/// <param name="UrdfMasses">Each moving body's mass in the vendor's URDF, kg.</param>
/// <param name="GripperBody">The body that carries the gripper tag and the wrist camera.</param>
/// <param name="Fingers">The two finger bodies.</param>
/// <param name="FingerGapPerUnit">How far apart the finger bodies move per unit of the driver's gripper joint.</param>
/// <param name="Goal">A reachable goal in the driver's units (reaching forward, gripper pointing down and opened).</param>
internal sealed record VirtualControllerArm(
    SimulatedArmModel Arm,
    RobotDescription Description,
    IReadOnlyDictionary<string, double> UrdfMasses,
    string GripperBody,
    (string First, string Second) Fingers,
    double FingerGapPerUnit,
    double[] Goal)
{
    /// <summary>The arms by world name.</summary>
    public static IReadOnlyDictionary<string, VirtualControllerArm> All { get; } = new Dictionary<string, VirtualControllerArm>
    {
        // Masses: agilexrobotics/Piper_ros piper_description.urdf <inertial>.
        [ControllerArmSimulationModels.Piper] = new(
            SimulatedArms.Piper,
            PiperArm.Description,
            new Dictionary<string, double>
            {
                ["link1"] = 0.0978679932242825,
                ["link2"] = 0.289571136953082,
                ["link3"] = 0.290583247455324,
                ["link4"] = 0.127087348341362,
                ["link5"] = 0.144711209371719,
                ["link6"] = 0.150196458571266,
                ["link7"] = 0.0264822500394006,
                ["link8"] = 0.0264822490707451,
            },
            GripperBody: "link6",
            Fingers: ("link7", "link8"),
            FingerGapPerUnit: 1, // the driver's gripper is the opening itself
            Goal: [0.3, 1.5, -1.2, 0, 0.9, 0, 0.04]),

        // Masses: xarm_ros xarm6_type9_HT_BR2.yaml (links), lite_gripper.urdf.xacro (gripper), uflite_gripper.urdf.xacro (fingers).
        [ControllerArmSimulationModels.Lite6] = new(
            SimulatedArms.Lite6,
            Lite6Arm.CreateDescription(),
            new Dictionary<string, double>
            {
                ["link1"] = 1.411,
                ["link2"] = 1.34,
                ["link3"] = 0.953,
                ["link4"] = 1.284,
                ["link5"] = 0.804,
                ["link6"] = 0.13,
                ["gripper"] = 0.28,
                ["finger1"] = 0.0163,
                ["finger2"] = 0.0163,
            },
            GripperBody: "gripper",
            Fingers: ("finger1", "finger2"),
            FingerGapPerUnit: 2, // each finger travels the driver's gripper value
            Goal: [0.3, 0.5, 1.2, 0, 0.7, 0, Lite6Arm.GripperOpenMeters]),
    };

    /// <summary>The driver's gripper joint (the last one).</summary>
    public int GripperJoint => Description.Joints.Count - 1;
}
