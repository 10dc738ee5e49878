using RobotSdk.Geometry;

namespace RobotSdk.Tests.Abstractions;

public sealed class RotationAndPoseTests
{
    private static readonly Vector3D X = new(1, 0, 0);
    private static readonly Vector3D Y = new(0, 1, 0);
    private static readonly Vector3D Z = new(0, 0, 1);

    [Fact]
    public void FromAxisAngle_QuarterTurnAboutZ_TakesXToY()
    {
        Vector3D rotated = Rotation.FromAxisAngle(Z, Math.PI / 2).Rotate(X);

        AssertClose(Y, rotated);
    }

    [Fact]
    public void FromAxisAngle_NormalizesTheAxis()
    {
        Assert.Equal(0.0, Rotation.FromAxisAngle(new Vector3D(0, 0, 5), 0.3).AngleTo(Rotation.FromAxisAngle(Z, 0.3)), 7);
    }

    [Fact]
    public void Composition_AppliesTheRightOperandFirst()
    {
        Rotation aboutZ = Rotation.FromAxisAngle(Z, Math.PI / 2);
        Rotation aboutX = Rotation.FromAxisAngle(X, Math.PI / 2);

        // X first: Y goes to Z; then Z about Z stays Z.
        AssertClose(Z, (aboutZ * aboutX).Rotate(Y));

        // Z first: Y goes to -X; then -X about X stays -X.
        AssertClose(new Vector3D(-1, 0, 0), (aboutX * aboutZ).Rotate(Y));
    }

    [Fact]
    public void FromRollPitchYaw_RollsThenPitchesThenYawsAboutFixedAxes()
    {
        double roll = 0.3, pitch = -0.7, yaw = 1.1;
        Rotation expected = Rotation.FromAxisAngle(Z, yaw) * Rotation.FromAxisAngle(Y, pitch) * Rotation.FromAxisAngle(X, roll);

        Assert.Equal(0.0, Rotation.FromRollPitchYaw(roll, pitch, yaw).AngleTo(expected), 7);
    }

    [Fact]
    public void FromRollPitchYaw_YawAlone_TurnsXTowardY()
    {
        AssertClose(new Vector3D(Math.Cos(0.5), Math.Sin(0.5), 0), Rotation.FromRollPitchYaw(0, 0, 0.5).Rotate(X));
    }

    [Fact]
    public void Rotation_ComposedWithItsInverse_IsTheIdentity()
    {
        Rotation rotation = Rotation.FromRollPitchYaw(0.4, -1.2, 2.5);

        Assert.Equal(0.0, (rotation * rotation.Inverse()).AngleTo(Rotation.Identity), 7);
        Assert.Equal(0.0, (rotation.Inverse() * rotation).AngleTo(Rotation.Identity), 7);
    }

    [Fact]
    public void AngleTo_MeasuresTheRelativeAngle_AndTreatsQAndMinusQAsEqual()
    {
        Rotation a = Rotation.FromAxisAngle(Y, 0.2);
        Rotation b = Rotation.FromAxisAngle(Y, 0.9);
        var negated = new Rotation(-b.W, -b.X, -b.Y, -b.Z);

        Assert.Equal(0.7, a.AngleTo(b), 9);
        Assert.Equal(0.7, a.AngleTo(negated), 9);
    }

    [Fact]
    public void Pose_ComposedWithItsInverse_IsTheIdentity()
    {
        var pose = new Pose(new Vector3D(0.1, -0.2, 0.3), Rotation.FromRollPitchYaw(0.5, 0.1, -0.8));

        Pose identity = pose * pose.Inverse();
        Pose identityOtherWay = pose.Inverse() * pose;

        AssertClose(Vector3D.Zero, identity.Position);
        AssertClose(Vector3D.Zero, identityOtherWay.Position);
        Assert.Equal(0.0, identity.Orientation.AngleTo(Rotation.Identity), 7);
    }

    [Fact]
    public void Pose_TransformsAPoint_RotatingThenTranslating()
    {
        var pose = new Pose(new Vector3D(1, 2, 3), Rotation.FromAxisAngle(Z, Math.PI / 2));

        AssertClose(new Vector3D(1, 3, 3), pose.Transform(X));
    }

    [Fact]
    public void Pose_Composition_TransformsLikeApplyingBothInTurn()
    {
        var a = new Pose(new Vector3D(0.3, 0, 0.1), Rotation.FromRollPitchYaw(0.2, 0.4, 0.6));
        var b = new Pose(new Vector3D(-0.1, 0.5, 0), Rotation.FromRollPitchYaw(-0.3, 0.1, 1.0));
        var point = new Vector3D(0.7, -0.2, 0.4);

        AssertClose(a.Transform(b.Transform(point)), (a * b).Transform(point));
    }

    [Fact]
    public void Vector_CrossAndDot_FollowTheRightHandRule()
    {
        Assert.Equal(Z, Vector3D.Cross(X, Y));
        Assert.Equal(0, Vector3D.Dot(X, Y));
        Assert.Equal(5, new Vector3D(3, 4, 0).Length);
    }

    [Fact]
    public void Vector_Normalized_Throws_ForTheZeroVector()
    {
        Assert.Throws<InvalidOperationException>(() => Vector3D.Zero.Normalized());
    }

    private static void AssertClose(Vector3D expected, Vector3D actual) =>
        Assert.True((expected - actual).Length < 1e-12, $"expected {expected}, got {actual}");
}
