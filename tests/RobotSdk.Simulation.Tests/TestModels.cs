namespace RobotSdk.Simulation.Tests;

/// <summary>Small MJCF worlds written for these tests.</summary>
internal static class TestModels
{
    /// <summary>
    /// A two-link arm turning about vertical axes (so gravity does not bias its servos), with
    /// position actuators, over a red floor; a yellow box that starts 0.25 m above the floor; a
    /// camera looking at the horizon along +x and one looking straight down at the arm.
    /// </summary>
    public const string ArmAndBox = """
        <mujoco model="two_link_arm">
          <compiler angle="radian"/>
          <option timestep="0.002"/>
          <worldbody>
            <light pos="0 0 3" dir="0 0 -1" directional="true"/>
            <geom name="floor" type="plane" size="0 0 0.05" rgba="1 0 0 1"/>
            <camera name="horizon" pos="-1.5 0 0.3" xyaxes="0 -1 0 0 0 1"/>
            <camera name="overhead" pos="0.2 0 2" xyaxes="1 0 0 0 1 0"/>
            <body name="upper_arm" pos="0 0 0.5">
              <joint name="shoulder" type="hinge" axis="0 0 1" range="-2 2" limited="true" damping="5"/>
              <geom name="upper_link" type="capsule" fromto="0 0 0 0.3 0 0" size="0.04" rgba="0 0 1 1" mass="1"/>
              <body name="forearm" pos="0.3 0 0">
                <joint name="elbow" type="hinge" axis="0 0 1" range="-2 2" limited="true" damping="5"/>
                <geom name="forearm_link" type="capsule" fromto="0 0 0 0.25 0 0" size="0.04" rgba="0 1 0 1" mass="0.5"/>
              </body>
            </body>
            <body name="box" pos="0.6 0.6 0.3">
              <freejoint name="box_free"/>
              <geom name="box_geom" type="box" size="0.05 0.05 0.05" rgba="1 1 0 1" mass="0.2"/>
            </body>
          </worldbody>
          <actuator>
            <position name="shoulder_servo" joint="shoulder" kp="50" ctrllimited="true" ctrlrange="-2 2"/>
            <position name="elbow_servo" joint="elbow" kp="30" ctrllimited="true" ctrlrange="-2 2"/>
          </actuator>
        </mujoco>
        """;
}
