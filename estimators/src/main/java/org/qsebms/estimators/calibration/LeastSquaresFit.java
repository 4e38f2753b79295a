package org.qsebms.estimators.calibration;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Levenberg-Marquardt fit (Hipparchus) of a law {@code y = f(p, x)} to measured points,
 * minimising relative errors {@code sum((f/y - 1)^2)}, with a central-difference Jacobian.
 */
final class LeastSquaresFit {

    /** A law with parameters {@code p} evaluated at {@code x}. */
    @FunctionalInterface
    interface Law {
        double value(double[] p, double x);
    }

    /** Result: fitted parameters and the RMS relative error. */
    record Result(double[] parameters, double rmsRelativeError) {}

    private LeastSquaresFit() {}

    static Result fit(Law law, double[] xs, double[] ys, double[] start) {
        int n = xs.length;
        MultivariateJacobianFunction model = point -> {
            double[] p = point.toArray();
            double[] value = new double[n];
            double[][] jacobian = new double[n][p.length];
            for (int i = 0; i < n; i++) {
                value[i] = law.value(p, xs[i]) / ys[i];
                for (int k = 0; k < p.length; k++) {
                    double h = 1e-6 * Math.max(1.0, Math.abs(p[k]));
                    double[] up = p.clone();
                    double[] down = p.clone();
                    up[k] += h;
                    down[k] -= h;
                    jacobian[i][k] = (law.value(up, xs[i]) - law.value(down, xs[i])) / (2 * h * ys[i]);
                }
            }
            RealVector v = new ArrayRealVector(value, false);
            RealMatrix j = new Array2DRowRealMatrix(jacobian, false);
            return new Pair<>(v, j);
        };
        double[] target = new double[n];
        java.util.Arrays.fill(target, 1.0);
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .model(model)
                .target(target)
                .maxEvaluations(100_000)
                .maxIterations(100_000)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        return new Result(optimum.getPoint().toArray(), optimum.getRMS());
    }

    /** Fits from each start and keeps the best. */
    static Result bestOf(Law law, double[] xs, double[] ys, double[]... starts) {
        Result best = null;
        for (double[] s : starts) {
            Result r;
            try {
                r = fit(law, xs, ys, s);
            } catch (RuntimeException e) {
                continue;
            }
            if (Double.isFinite(r.rmsRelativeError())
                    && (best == null || r.rmsRelativeError() < best.rmsRelativeError())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no start converged");
        }
        return best;
    }
}
