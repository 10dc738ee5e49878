using MathNet.Numerics.LinearAlgebra;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.HandEye;

/// <summary>
/// Park and Martin's closed-form solution of AX = XB (1994): the rotation is the orthogonal
/// Procrustes fit of the motions' rotation vectors (log R_A = R_X log R_B), the translation the
/// linear least squares of (R_A - I) t_X = R_X t_B - t_A over every motion pair.
/// </summary>
internal static class ParkMartin
{
    /// <summary>Solves AX = XB for X; needs at least two motions with non-parallel rotation axes.</summary>
    public static RigidMotion Solve(IReadOnlyList<RigidMotion> a, IReadOnlyList<RigidMotion> b)
    {
        var m = Matrix<double>.Build.Dense(3, 3);
        for (int k = 0; k < a.Count; k++)
        {
            Vector3D alpha = a[k].LogRotation();
            Vector3D beta = b[k].LogRotation();
            double[] al = [alpha.X, alpha.Y, alpha.Z];
            double[] be = [beta.X, beta.Y, beta.Z];
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    m[r, c] += al[r] * be[c];
                }
            }
        }

        Matrix<double> rotation = RotationMatrices.NearestRotationMatrix(m);
        // Normal equations of the stacked (R_A - I) t = R_X t_B - t_A: 3 x 3, however many motions.
        var normal = Matrix<double>.Build.Dense(3, 3);
        var rhs = Vector<double>.Build.Dense(3);
        var block = new double[3, 3];
        var right = new double[3];
        for (int k = 0; k < a.Count; k++)
        {
            RigidMotion ak = a[k];
            RigidMotion bk = b[k];
            block[0, 0] = ak.R00 - 1; block[0, 1] = ak.R01; block[0, 2] = ak.R02;
            block[1, 0] = ak.R10; block[1, 1] = ak.R11 - 1; block[1, 2] = ak.R12;
            block[2, 0] = ak.R20; block[2, 1] = ak.R21; block[2, 2] = ak.R22 - 1;
            right[0] = (rotation[0, 0] * bk.X) + (rotation[0, 1] * bk.Y) + (rotation[0, 2] * bk.Z) - ak.X;
            right[1] = (rotation[1, 0] * bk.X) + (rotation[1, 1] * bk.Y) + (rotation[1, 2] * bk.Z) - ak.Y;
            right[2] = (rotation[2, 0] * bk.X) + (rotation[2, 1] * bk.Y) + (rotation[2, 2] * bk.Z) - ak.Z;
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    normal[r, c] += (block[0, r] * block[0, c]) + (block[1, r] * block[1, c]) + (block[2, r] * block[2, c]);
                }

                rhs[r] += (block[0, r] * right[0]) + (block[1, r] * right[1]) + (block[2, r] * right[2]);
            }
        }

        Vector<double> t = normal.Solve(rhs);
        return RigidMotion.FromMatrix(rotation, t[0], t[1], t[2]);
    }

    /// <summary>Chordal mean of rigid motions: mean translation, nearest rotation to the mean rotation matrix.</summary>
    public static RigidMotion Mean(IReadOnlyList<RigidMotion> motions)
    {
        var sum = Matrix<double>.Build.Dense(3, 3);
        double x = 0, y = 0, z = 0;
        foreach (RigidMotion t in motions)
        {
            sum[0, 0] += t.R00; sum[0, 1] += t.R01; sum[0, 2] += t.R02;
            sum[1, 0] += t.R10; sum[1, 1] += t.R11; sum[1, 2] += t.R12;
            sum[2, 0] += t.R20; sum[2, 1] += t.R21; sum[2, 2] += t.R22;
            x += t.X; y += t.Y; z += t.Z;
        }

        int n = motions.Count;
        return RigidMotion.FromMatrix(RotationMatrices.NearestRotationMatrix(sum), x / n, y / n, z / n);
    }
}
