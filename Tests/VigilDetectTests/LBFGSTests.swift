import Testing
@testable import VigilDetect

/// The optimiser behind `vigil model train`, on problems with known minima.
struct LBFGSTests {
    @Test func findsTheMinimumOfAShiftedQuadratic() {
        // Σ (i+1)·(x_i − i)²: minimum at x_i = i, badly scaled on purpose.
        let x = LBFGS.minimize(count: 20, iterations: 200) { x, g in
            var f = 0.0
            for i in x.indices {
                let d = x[i] - Double(i)
                f += Double(i + 1) * d * d
                g[i] = 2 * Double(i + 1) * d
            }
            return f
        }
        for i in x.indices { #expect(abs(x[i] - Double(i)) < 1e-4, "x[\(i)] = \(x[i])") }
    }

    @Test func walksTheRosenbrockValley() {
        let x = LBFGS.minimize(count: 2, iterations: 500, tolerance: 1e-10) { x, g in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            g[0] = -2 * a - 400 * x[0] * b
            g[1] = 200 * b
            return a * a + 100 * b * b
        }
        #expect(abs(x[0] - 1) < 1e-3 && abs(x[1] - 1) < 1e-3, "\(x)")
    }

    @Test func sameObjectiveSameBits() {
        func run() -> [Double] {
            LBFGS.minimize(count: 5, iterations: 50) { x, g in
                var f = 0.0
                for i in x.indices {
                    f += (x[i] - 0.3).magnitude * (x[i] - 0.3).magnitude + x[i] * x[i] * x[i] * x[i]
                    g[i] = 2 * (x[i] - 0.3) + 4 * x[i] * x[i] * x[i]
                }
                return f
            }
        }
        #expect(run() == run())
    }
}
