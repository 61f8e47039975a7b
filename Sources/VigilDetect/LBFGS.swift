import Glibc

/// Limited-memory BFGS for a smooth convex objective (the hallmark model's training): from
/// zero, each step goes along the two-loop recursion's direction over the last `memory`
/// steps, as far as a backtracking line search finds enough decrease (Armijo). Stops when
/// the largest gradient entry falls under `tolerance` times the objective's scale, when a
/// step no longer lowers it measurably, or after `iterations` steps. Runs in a fixed order:
/// the same objective gives the same bits.
enum LBFGS {
    /// The minimiser of `objective`, which returns the value at `x` and writes the gradient.
    static func minimize(count: Int, iterations: Int, memory: Int = 10, tolerance: Double = 1e-6,
                         objective: ([Double], inout [Double]) -> Double) -> [Double] {
        var x = [Double](repeating: 0, count: count)
        var g = [Double](repeating: 0, count: count)
        var f = objective(x, &g)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var direction = [Double](repeating: 0, count: count)
        var alpha = [Double](repeating: 0, count: memory)
        var trial = x, trialGradient = g
        for _ in 0..<iterations {
            if g.reduce(0, { max($0, abs($1)) }) <= tolerance * max(1, abs(f)) { break }
            // Two-loop recursion: direction = −H·g.
            for i in 0..<count { direction[i] = -g[i] }
            for j in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[j] = rho[j] * dot(s[j], direction)
                for i in 0..<count { direction[i] -= alpha[j] * y[j][i] }
            }
            if let last = s.indices.last {
                let scale = dot(s[last], y[last]) / dot(y[last], y[last])
                for i in 0..<count { direction[i] *= scale }
            } else {
                let norm = dot(g, g).squareRoot()
                for i in 0..<count { direction[i] /= max(norm, 1) }
            }
            for j in 0..<s.count {
                let beta = rho[j] * dot(y[j], direction)
                for i in 0..<count { direction[i] += s[j][i] * (alpha[j] - beta) }
            }
            var slope = dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (rounding): restart from steepest descent.
                s.removeAll(); y.removeAll(); rho.removeAll()
                for i in 0..<count { direction[i] = -g[i] }
                slope = -dot(g, g)
            }
            var step = 1.0
            var fTrial = 0.0
            var accepted = false
            for _ in 0..<40 {
                for i in 0..<count { trial[i] = x[i] + step * direction[i] }
                fTrial = objective(trial, &trialGradient)
                if fTrial <= f + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { break }
            var sNew = [Double](repeating: 0, count: count), yNew = sNew
            for i in 0..<count {
                sNew[i] = trial[i] - x[i]
                yNew[i] = trialGradient[i] - g[i]
            }
            let sy = dot(sNew, yNew)
            let decrease = f - fTrial
            swap(&x, &trial)
            swap(&g, &trialGradient)
            f = fTrial
            if sy > 1e-12 {
                if s.count == memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sNew); y.append(yNew); rho.append(1 / sy)
            }
            if decrease <= 1e-10 * max(1, abs(f)) { break }
        }
        return x
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }
}
