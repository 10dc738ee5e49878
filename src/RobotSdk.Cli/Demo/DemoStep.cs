using System.Globalization;
using RobotSdk.Geometry;

namespace RobotSdk.Cli.Demo;

/// <summary>One step of the virtual demo and where the arm ended.</summary>
/// <param name="Name">What the step did, for example <c>reach left</c>.</param>
/// <param name="TargetTool">The tool target in the base frame, metres; null for gripper steps.</param>
/// <param name="DriverTool">The tool position the driver's joint readings give through the nominal kinematics.</param>
/// <param name="SimulatedTool">The tool position in the simulation (ground truth).</param>
/// <param name="JointErrorRadians">Largest gap between a joint's goal and its simulated position; null for gripper steps.</param>
/// <param name="Elapsed">How long the step took.</param>
/// <param name="Image">File name of the scene camera's frame after the step.</param>
internal sealed record DemoStep(string Name, Vector3D? TargetTool, Vector3D DriverTool, Vector3D SimulatedTool, double? JointErrorRadians, TimeSpan Elapsed, string Image)
{
    /// <summary>Distance from the target to the simulated tool, millimetres; null for gripper steps.</summary>
    public double? ToolErrorMillimetres => TargetTool is { } target ? (SimulatedTool - target).Length * 1000 : null;

    /// <summary>One line for the progress display.</summary>
    public string Summary => TargetTool is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} in {Elapsed.TotalSeconds:0.00} s")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Name} in {Elapsed.TotalSeconds:0.00} s: simulated tool {ToolErrorMillimetres:0.0} mm from target, joints within {JointErrorRadians * 180 / Math.PI:0.00} deg of their goals");
}
