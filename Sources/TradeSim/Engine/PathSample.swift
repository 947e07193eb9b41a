/// What a run keeps of its first paths for the position analysis (`PositionAnalysis`): every
/// asset's close and ATM-IV factor per day, and every leg of every trade.
struct PathSample: Sendable {
    /// Paths held: global paths firstPath ..< firstPath + paths.
    let firstPath: Int
    let paths: Int
    let assets: Int
    /// Days 0...horizon: `days` = horizon + 1.
    let days: Int
    /// `[(path * assets + asset) * days + day]`, path counted from `firstPath`: the close
    /// (NaN on a day no step of the run read the asset's price: `BlockRunner.pricedAssets`).
    let prices: [Double]
    /// Same layout: the factor on the asset's ATM IV from the event outcomes drawn by that day
    /// (`PathBlock.ivScale`).
    let ivScale: [Double]
    /// Per path (from `firstPath`): the legs of its trades, in program and leg order.
    let trades: [[TradeRecord]]
    /// `[(variant * paths + path) * days + day]`: each variant's P&L at each close.
    let pnl: [Double]

    init(buffers b: OutcomeBuffers, trades: [TradeRecord]) {
        firstPath = b.firstPath
        paths = b.analysisPaths
        assets = b.assets
        days = b.days + 1
        let count = paths * assets * days
        prices = Array(b.pathPrices[0..<count])
        ivScale = Array(b.pathIVScale[0..<count])
        pnl = Array(b.pathPnL[0..<(b.variants * paths * days)])
        var byPath = [[TradeRecord]](repeating: [], count: paths)
        for t in trades { byPath[t.path - b.firstPath].append(t) }
        self.trades = byPath
    }

    /// The close of `asset` on `day` on sample path `path` (from `firstPath`).
    @inline(__always)
    func price(path: Int, asset: Int, day: Int) -> Double { prices[(path * assets + asset) * days + day] }

    /// The ATM-IV factor of `asset` on `day` on sample path `path`.
    @inline(__always)
    func ivScale(path: Int, asset: Int, day: Int) -> Double { ivScale[(path * assets + asset) * days + day] }
}
