using RobotSdk.Calibration.Identification;

namespace RobotSdk.Calibration.Tests.Identification;

public sealed class ApproachSequenceTests
{
    private static readonly double[] Offsets = [-0.05, -0.05, 0.08];

    [Fact]
    public void Create_PrecedesEveryPoseWithItsPrePose()
    {
        double[][] poses = [[0.1, 0.2, 0.3], [-0.4, 0.0, 1.0]];

        IReadOnlyList<ApproachWaypoint> waypoints = ApproachSequence.Create(poses, Offsets);

        Assert.Equal(4, waypoints.Count);
        for (int i = 0; i < poses.Length; i++)
        {
            ApproachWaypoint pre = waypoints[2 * i];
            ApproachWaypoint measurement = waypoints[(2 * i) + 1];
            Assert.False(pre.IsMeasurement);
            Assert.True(measurement.IsMeasurement);
            Assert.Equal(i, pre.PoseIndex);
            Assert.Equal(i, measurement.PoseIndex);
            Assert.Equal(poses[i], measurement.Positions);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(poses[i][j] + Offsets[j], pre.Positions[j], 12);
            }
        }
    }

    [Fact]
    public void Create_ApproachesEveryPoseFromTheSameSide_WhateverTheOrderOfPoses()
    {
        var random = new Random(5);
        double[][] poses = Enumerable.Range(0, 50).Select(_ => new[] { random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5 }).ToArray();

        IReadOnlyList<ApproachWaypoint> waypoints = ApproachSequence.Create(poses, Offsets);

        for (int w = 1; w < waypoints.Count; w += 2)
        {
            for (int j = 0; j < 3; j++)
            {
                // The last move into each measurement runs against the offset's sign on every joint.
                double lastMove = waypoints[w].Positions[j] - waypoints[w - 1].Positions[j];
                Assert.Equal(-Math.Sign(Offsets[j]), Math.Sign(lastMove));
            }
        }
    }

    [Fact]
    public void Create_ClampsPrePosesIntoLimits_AndKeepsTheApproachSide()
    {
        JointLimits[] limits = [new(-1, 1, 1, 1), new(-1, 1, 1, 1), new(-1, 1, 1, 1)];
        double[][] poses = [[-0.97, 0, 0.95]];

        IReadOnlyList<ApproachWaypoint> waypoints = ApproachSequence.Create(poses, Offsets, limits);

        Assert.Equal(-1, waypoints[0].Positions[0]);
        Assert.Equal(1, waypoints[0].Positions[2]);
    }

    [Fact]
    public void Create_Throws_WhenAPoseSitsAtTheLimitOnTheApproachSide()
    {
        JointLimits[] limits = [new(-1, 1, 1, 1), new(-1, 1, 1, 1), new(-1, 1, 1, 1)];
        double[][] poses = [[0, -0.99, 0]];

        var exception = Assert.Throws<ArgumentException>(() => ApproachSequence.Create(poses, Offsets, limits));
        Assert.Contains("Pose 0, joint 1 at -0.99 is too close to its lower limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Throws_WhenAPoseHasTheWrongJointCount()
    {
        var exception = Assert.Throws<ArgumentException>(() => ApproachSequence.Create([[0.0, 0.0]], Offsets));
        Assert.Contains("Pose 0 has 2 joint positions; the offsets name 3 joints", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Throws_WhenAnOffsetIsZeroOrAPositionIsNaN()
    {
        Assert.Throws<ArgumentException>(() => ApproachSequence.Create([[0.0, 0.0, 0.0]], [-0.05, 0, 0.05]));
        var exception = Assert.Throws<ArgumentException>(() => ApproachSequence.Create([[0.0, double.NaN, 0.0]], Offsets));
        Assert.Contains("Pose 0, joint 1 position is not finite", exception.Message, StringComparison.Ordinal);
    }
}
