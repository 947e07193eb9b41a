// What the fuzz targets that reach the reports share: the report set's tables and page,
// rendered as `run` and `merge` write them (and a backtest's tearsheet of the first path), and
// the check that no CSV field is NaN or infinity (DESIGN §5: never a NaN in a report).

func renderReportsFailingOnNonFinite(study: Study, playbook: Playbook, outcomes: [ScenarioOutcomes],
                                     configuration: RunConfiguration) {
    let summary = outcomes.flatMap { SummaryTable.rows($0) } + SummaryTable.blendedRows(outcomes)
    let theses = ThesisTable.rows(outcomes, playbook: playbook)
    let histograms = HistogramTable.series(outcomes)
    let bands = EquityQuantilesTable.bands(outcomes)
    var texts = [
        SummaryTable.csv(summary), ThesisTable.csv(theses), EquityQuantilesTable.csv(bands),
        HistogramTable.csv(outcomes, series: histograms), ExitsTable.csv(outcomes), FirstPassageTable.csv(outcomes),
        TradesTable.csv(outcomes),
    ]
    // A backtest's tearsheet, of the first scenario's first path, with its page.
    if let first = outcomes.first {
        let tearsheet = Tearsheet(first, capital: playbook.capital)
        texts += [TearsheetTables.tearsheetCSV(tearsheet), TearsheetTables.equityCSV(tearsheet), TearsheetTables.monthlyCSV(tearsheet)]
        _ = BacktestHTML(study: study, outcomes: first, summary: summary.filter { $0.scenario == first.scenario.name }, theses: theses,
                         tearsheet: tearsheet, configuration: configuration).html
    }
    for text in texts {
        for field in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let lower = field.lowercased()
            if lower == "nan" || lower == "inf" || lower == "-inf" || lower == "+inf" || lower == "infinity" {
                fatalError("non-finite value in a report: \(field)")
            }
        }
    }
    _ = HTMLReport(study: study, outcomes: outcomes, summary: summary, theses: theses, histograms: histograms,
                   bands: bands, configuration: configuration).html
}
