namespace RobotSdk.Calibration;

/// <summary>
/// A small Levenberg-Marquardt solver with Marquardt's diagonal scaling and an optional Huber
/// loss per residual group (iteratively reweighted). Problems here have tens of parameters and
/// thousands of residuals, so the normal equations are formed directly and solved by Cholesky;
/// all buffers are allocated once per solve.
/// </summary>
internal static class LevenbergMarquardt
{
    /// <summary>Minimises the (Huber) cost from the problem's current parameters; returns the outcome.</summary>
    /// <param name="problem">The problem, left at the best point found.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="huberThreshold">Group residual norm beyond which the loss grows linearly; 0 or less for plain least squares.</param>
    public static LevenbergMarquardtOutcome Minimize(ILeastSquaresProblem problem, int maxIterations, double huberThreshold)
    {
        int p = problem.ParameterCount;
        int m = problem.ResidualCount;
        var x = new double[p];
        var trial = new double[p];
        var residuals = new double[m];
        var trialResiduals = new double[m];
        var jacobian = new double[m * p];
        var normal = new double[p * p];
        var gradient = new double[p];
        var system = new double[p * p];
        var step = new double[p];
        var weights = new double[(m + problem.GroupSize - 1) / problem.GroupSize];
        problem.GetParameters(x);
        problem.Residuals(x, residuals);
        int robust = problem.RobustResidualCount;
        double cost = Cost(residuals, problem.GroupSize, huberThreshold, robust);
        double lambda = 1e-3;
        int iteration = 0;
        bool converged = false;
        while (iteration < maxIterations && p > 0)
        {
            iteration++;
            problem.Jacobian(x, jacobian);
            Weights(residuals, problem.GroupSize, huberThreshold, robust, weights);
            FormNormalEquations(jacobian, residuals, weights, problem.GroupSize, m, p, normal, gradient);
            bool improved = false;
            while (lambda < 1e12)
            {
                normal.CopyTo(system, 0);
                for (int i = 0; i < p; i++)
                {
                    // Marquardt scaling: damping proportional to each parameter's curvature.
                    system[(i * p) + i] += lambda * Math.Max(normal[(i * p) + i], 1e-12);
                    step[i] = -gradient[i];
                }

                if (!CholeskySolve(system, step, p))
                {
                    lambda *= 10;
                    continue;
                }

                for (int i = 0; i < p; i++)
                {
                    trial[i] = x[i] + step[i];
                }

                problem.Residuals(trial, trialResiduals);
                double trialCost = Cost(trialResiduals, problem.GroupSize, huberThreshold, robust);
                if (double.IsFinite(trialCost) && trialCost < cost)
                {
                    double decrease = cost - trialCost;
                    problem.Commit(trial);
                    problem.GetParameters(x);
                    (residuals, trialResiduals) = (trialResiduals, residuals);
                    cost = trialCost;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    if (decrease <= 1e-14 * (1 + cost) || StepIsTiny(step, x))
                    {
                        converged = true;
                    }

                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                // No damping reduces the cost: the point is a minimum to machine precision.
                converged = true;
            }

            if (converged)
            {
                break;
            }
        }

        return new LevenbergMarquardtOutcome(iteration, converged, cost, residuals);
    }

    /// <summary>
    /// Huber (or squared) cost: sum over groups of rho(|e|), rho(e) = e^2/2 up to the threshold, linear
    /// beyond, for the first <paramref name="robustCount"/> residuals; e^2/2 for the rest (prior rows).
    /// </summary>
    public static double Cost(ReadOnlySpan<double> residuals, int groupSize, double huberThreshold, int robustCount)
    {
        double cost = 0;
        for (int i = robustCount; i < residuals.Length; i++)
        {
            cost += residuals[i] * residuals[i] / 2;
        }

        for (int g = 0; g < robustCount; g += groupSize)
        {
            double squared = 0;
            for (int k = 0; k < groupSize; k++)
            {
                squared += residuals[g + k] * residuals[g + k];
            }

            double norm = Math.Sqrt(squared);
            cost += huberThreshold > 0 && norm > huberThreshold ? huberThreshold * (norm - (huberThreshold / 2)) : squared / 2;
        }

        return cost;
    }

    private static void Weights(ReadOnlySpan<double> residuals, int groupSize, double huberThreshold, int robustCount, Span<double> weights)
    {
        weights.Fill(1);
        for (int g = 0; g < robustCount / groupSize; g++)
        {
            double squared = 0;
            for (int k = 0; k < groupSize; k++)
            {
                double e = residuals[(g * groupSize) + k];
                squared += e * e;
            }

            double norm = Math.Sqrt(squared);
            weights[g] = huberThreshold > 0 && norm > huberThreshold ? huberThreshold / norm : 1;
        }
    }

    private static void FormNormalEquations(double[] jacobian, double[] residuals, double[] weights, int groupSize, int m, int p, double[] normal, double[] gradient)
    {
        Array.Clear(normal);
        Array.Clear(gradient);
        for (int row = 0; row < m; row++)
        {
            double w = weights[row / groupSize];
            ReadOnlySpan<double> j = jacobian.AsSpan(row * p, p);
            double e = w * residuals[row];
            for (int a = 0; a < p; a++)
            {
                double ja = w * j[a];
                if (ja == 0)
                {
                    continue;
                }

                gradient[a] += j[a] * e;
                int offset = a * p;
                for (int b = a; b < p; b++)
                {
                    normal[offset + b] += ja * j[b];
                }
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < a; b++)
            {
                normal[(a * p) + b] = normal[(b * p) + a];
            }
        }
    }

    /// <summary>Solves a symmetric positive-definite system in place (rhs becomes the solution); false when not positive definite.</summary>
    internal static bool CholeskySolve(double[] a, double[] rhs, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[(j * n) + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[(j * n) + k] * a[(j * n) + k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            double l = Math.Sqrt(diagonal);
            a[(j * n) + j] = l;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[(i * n) + k] * a[(j * n) + k];
                }

                a[(i * n) + j] = sum / l;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double sum = rhs[i];
            for (int k = 0; k < i; k++)
            {
                sum -= a[(i * n) + k] * rhs[k];
            }

            rhs[i] = sum / a[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = rhs[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= a[(k * n) + i] * rhs[k];
            }

            rhs[i] = sum / a[(i * n) + i];
        }

        return true;
    }

    private static bool StepIsTiny(double[] step, double[] x)
    {
        for (int i = 0; i < step.Length; i++)
        {
            if (Math.Abs(step[i]) > 1e-12 * (1 + Math.Abs(x[i])))
            {
                return false;
            }
        }

        return true;
    }
}
