using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// Decides which parameters the observations can determine, from the Jacobian over every
/// parameter with unit-normalised columns: in a fixed ranking (camera pose, tag pose, joint offsets
/// base to tip, link lengths base to tool), a parameter is kept only when its column is not
/// (numerically) in the span of the columns kept before it. Held parameters are named together
/// with what absorbs them. After the solve, the SVD of the kept columns gives the conditioning.
/// </summary>
internal static class IdentifiabilityAnalysis
{
    /// <summary>Splits the model's parameters into estimated (returned, in ranking order) and held ones.</summary>
    public static int[] SelectObservable(CalibrationModel model, double threshold, bool identifyLinkLengths, List<HeldParameter> held, string parameterName)
    {
        int total = model.Parameters.Count;
        model.SetFree(Enumerable.Range(0, total));
        var x = new double[total];
        model.GetParameters(x);
        int m = model.ResidualCount;
        var jacobian = new double[m * total];
        model.Jacobian(x, jacobian);

        var ranking = new List<int>();
        ranking.AddRange(Enumerable.Range(model.CameraStart, 12));
        ranking.AddRange(Enumerable.Range(0, model.CameraStart).Where(i => model.Parameters[i].Kind == KinematicParameterKind.JointOffset));
        ranking.AddRange(Enumerable.Range(0, model.CameraStart).Where(i => model.Parameters[i].Kind == KinematicParameterKind.LinkLength));

        var kept = new List<int>();
        var basis = new List<double[]>();
        var keptColumns = new List<double[]>();
        foreach (int parameter in ranking)
        {
            KinematicParameter described = model.Parameters[parameter];
            if (described.Kind == KinematicParameterKind.LinkLength && !identifyLinkLengths)
            {
                held.Add(new HeldParameter(described, "nothing (link lengths were not asked for)", double.NaN));
                continue;
            }

            double[] column = Column(jacobian, m, total, parameter);
            double norm = Norm(column);
            if (norm < 1e-12)
            {
                held.Add(new HeldParameter(described, "nothing", 0));
                continue;
            }

            Scale(column, 1 / norm);
            double[] residual = (double[])column.Clone();
            for (int pass = 0; pass < 2; pass++)
            {
                // Two passes of modified Gram-Schmidt keep the basis orthogonal to rounding.
                foreach (double[] q in basis)
                {
                    double dot = Dot(q, residual);
                    for (int r = 0; r < m; r++)
                    {
                        residual[r] -= dot * q[r];
                    }
                }
            }

            double independent = Norm(residual);
            bool isPose = described.Kind is KinematicParameterKind.CameraPose or KinematicParameterKind.TagPose;
            if (independent < threshold && !isPose)
            {
                held.Add(new HeldParameter(described, Absorber(model, kept, keptColumns, column), independent));
                continue;
            }

            if (independent < 1e-12)
            {
                throw new ArgumentException($"The poses cannot determine the {described.Name}: vary the joints more (every joint, over a wide range).", parameterName);
            }

            Scale(residual, 1 / independent);
            basis.Add(residual);
            kept.Add(parameter);
            keptColumns.Add(column);
        }

        return [.. kept];
    }

    /// <summary>Condition number and weakest direction of the column-scaled Jacobian of the free parameters.</summary>
    public static (double Condition, string Weakest, double[] StandardDeviations) Conditioning(CalibrationModel model, double residualVariance)
    {
        int p = model.ParameterCount;
        int m = model.ResidualCount;
        var x = new double[p];
        model.GetParameters(x);
        var jacobian = new double[m * p];
        model.Jacobian(x, jacobian);
        Matrix<double> j = Matrix<double>.Build.Dense(m, p, (r, c) => jacobian[(r * p) + c]);
        var scale = new double[p];
        for (int c = 0; c < p; c++)
        {
            scale[c] = j.Column(c).L2Norm();
        }

        Matrix<double> scaled = Matrix<double>.Build.Dense(m, p, (r, c) => j[r, c] / scale[c]);
        Matrix<double> upper = scaled.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R;
        var svd = upper.Svd(true);
        double largest = svd.S[0];
        double smallest = svd.S[p - 1];
        Vector<double> direction = svd.VT.Row(p - 1);
        int[] order = Enumerable.Range(0, p).OrderByDescending(i => Math.Abs(direction[i])).Take(3).ToArray();
        string weakest = string.Join(" with ", order.Where(i => Math.Abs(direction[i]) > 0.2)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{model.Parameters[model.Free[i]].Name} ({direction[i]:+0.00;-0.00})")));

        // Covariance of the unscaled parameters: s^2 (J^T J)^-1 = s^2 D^-1 (R^T R)^-1 D^-1.
        Matrix<double> inverse = (upper.TransposeThisAndMultiply(upper)).Inverse();
        var deviations = new double[p];
        for (int i = 0; i < p; i++)
        {
            deviations[i] = Math.Sqrt(Math.Max(0, residualVariance * inverse[i, i])) / scale[i];
        }

        return (largest / smallest, weakest, deviations);
    }

    private static string Absorber(CalibrationModel model, List<int> kept, List<double[]> keptColumns, double[] column)
    {
        if (kept.Count == 0)
        {
            return "nothing";
        }

        int m = column.Length;
        Matrix<double> a = Matrix<double>.Build.Dense(m, kept.Count, (r, c) => keptColumns[c][r]);
        Vector<double> coefficients = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Solve(Vector<double>.Build.DenseOfArray(column));
        var contributions = new Dictionary<string, double[]>();
        for (int c = 0; c < kept.Count; c++)
        {
            KinematicParameter parameter = model.Parameters[kept[c]];
            string name = parameter.Kind switch
            {
                KinematicParameterKind.CameraPose => "the camera pose",
                KinematicParameterKind.TagPose => "the tag pose",
                _ => parameter.Name,
            };
            if (!contributions.TryGetValue(name, out double[]? sum))
            {
                sum = new double[m];
                contributions[name] = sum;
            }

            for (int r = 0; r < m; r++)
            {
                sum[r] += coefficients[c] * keptColumns[c][r];
            }
        }

        return contributions.OrderByDescending(pair => Norm(pair.Value)).First().Key;
    }

    private static double[] Column(double[] jacobian, int m, int p, int column)
    {
        var result = new double[m];
        for (int r = 0; r < m; r++)
        {
            result[r] = jacobian[(r * p) + column];
        }

        return result;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Scale(double[] a, double s)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] *= s;
        }
    }
}
