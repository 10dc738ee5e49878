using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.HandEye;

/// <summary>
/// Pose of a square tag in the camera frame from its four corners: the plane-to-image homography
/// (direct linear transform on undistorted, normalised points) decomposed into rotation and
/// translation, then refined on pixel reprojection error. Used to start hand-eye calibration.
/// </summary>
internal static class SquareTagPose
{
    /// <summary>Camera-to-tag transform from the corners (in <see cref="CornerProjection"/>'s order).</summary>
    public static RigidMotion Estimate(CameraIntrinsics intrinsics, ReadOnlySpan<PixelPoint> corners, double tagSizeMeters)
    {
        var projection = new CornerProjection(intrinsics);
        var system = Matrix<double>.Build.Dense(9, 9);
        for (int k = 0; k < CornerProjection.CornerCount; k++)
        {
            Vector3D plane = CornerProjection.TagCorner(k, tagSizeMeters);
            (double x, double y) = projection.Normalize(corners[k]);
            double[] first = [plane.X, plane.Y, 1, 0, 0, 0, -x * plane.X, -x * plane.Y, -x];
            double[] second = [0, 0, 0, plane.X, plane.Y, 1, -y * plane.X, -y * plane.Y, -y];
            for (int c = 0; c < 9; c++)
            {
                system[2 * k, c] = first[c];
                system[(2 * k) + 1, c] = second[c];
            }
        }

        // Four points give eight equations: the homography is the null vector (last right singular vector).
        Vector<double> h = system.Svd(true).VT.Row(8);
        double norm1 = Math.Sqrt((h[0] * h[0]) + (h[3] * h[3]) + (h[6] * h[6]));
        double norm2 = Math.Sqrt((h[1] * h[1]) + (h[4] * h[4]) + (h[7] * h[7]));
        double scale = 2 / (norm1 + norm2);
        if (h[8] * scale < 0)
        {
            scale = -scale; // the tag lies in front of the camera
        }

        var r = Matrix<double>.Build.Dense(3, 3);
        for (int row = 0; row < 3; row++)
        {
            r[row, 0] = h[3 * row] * scale;
            r[row, 1] = h[(3 * row) + 1] * scale;
        }

        r[0, 2] = (r[1, 0] * r[2, 1]) - (r[2, 0] * r[1, 1]);
        r[1, 2] = (r[2, 0] * r[0, 1]) - (r[0, 0] * r[2, 1]);
        r[2, 2] = (r[0, 0] * r[1, 1]) - (r[1, 0] * r[0, 1]);
        RigidMotion initial = ParkMartin.FromMatrix(ParkMartin.NearestRotation(r), h[2] * scale, h[5] * scale, h[8] * scale);

        // Refine on pixels: one pose of an identity "tool" seen by a camera at the origin; only the tag moves.
        var model = new CalibrationModel([RigidMotion.Identity], corners.ToArray(), intrinsics, tagSizeMeters, CameraMount.Fixed);
        model.SetPoses(RigidMotion.Identity, initial);
        model.SetFree(Enumerable.Range(model.TagStart, 6));
        LevenbergMarquardt.Minimize(model, 30, 0);
        return model.Tag;
    }
}
