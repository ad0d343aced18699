import Foundation

/// SVG charts generated from the data: titled, labelled, with every value written as text so
/// that nothing is carried by colour alone.
public enum Charts {
  /// One bar.
  public struct Bar: Sendable {
    /// The label beside the bar.
    public var label: String
    /// Its length.
    public var value: Int
    /// Text after the bar (defaults to the value).
    public var note: String?

    /// Creates a bar.
    public init(label: String, value: Int, note: String? = nil) {
      self.label = label
      self.value = value
      self.note = note
    }
  }

  /// A horizontal bar chart.
  public static func bars(title: String, description: String, bars: [Bar], id: String) -> String {
    let rowHeight = 24
    // Short labels (years) need little room, which keeps the chart legible on a phone.
    let longest = bars.map { min($0.label.count, 38) }.max() ?? 10
    let labelWidth = min(250, 16 + longest * 7)
    let barWidth = 300
    let height = rowHeight * max(1, bars.count) + 36
    let maximum = max(1, bars.map(\.value).max() ?? 1)
    var svg = header(
      width: labelWidth + barWidth + 110, height: height, title: title, description: description,
      id: id)
    for (index, bar) in bars.enumerated() {
      let y = 30 + index * rowHeight
      let length = max(bar.value > 0 ? 2 : 0, bar.value * barWidth / maximum)
      let label = truncate(bar.label, 38)
      svg += """
        <g><title>\(Escape.html(bar.label)): \(Escape.html(bar.note ?? String(bar.value)))</title>\
        <text x="\(labelWidth - 8)" y="\(y + 16)" text-anchor="end" class="label">\(Escape.html(label))</text>\
        <rect x="\(labelWidth)" y="\(y + 4)" width="\(length)" height="\(rowHeight - 8)" class="bar"/>\
        <text x="\(labelWidth + length + 6)" y="\(y + 16)" class="value">\(Escape.html(bar.note ?? String(bar.value)))</text></g>

        """
    }
    return svg + "</svg>"
  }

  /// A heat map of co-occurrence counts, each cell labelled with its number.
  public static func heatMap(
    title: String, description: String, labels: [String], counts: [[Int]], id: String
  ) -> String {
    let cell = 34
    let labelWidth = 230
    let top = 40
    let size = labels.count
    let width = labelWidth + cell * size + 20
    let height = top + cell * size + 34
    let maximum = max(
      1,
      counts.enumerated().flatMap { i, row in
        row.enumerated().filter { $0.offset != i }.map(\.element)
      }.max() ?? 1)
    var svg = header(width: width, height: height, title: title, description: description, id: id)
    for (i, label) in labels.enumerated() {
      let y = top + i * cell
      svg +=
        "<text x=\"\(labelWidth - 8)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"end\" class=\"label\">\(i + 1). \(Escape.html(truncate(label, 30)))</text>\n"
      svg +=
        "<text x=\"\(labelWidth + i * cell + cell / 2)\" y=\"\(top - 8)\" text-anchor=\"middle\" class=\"label\">\(i + 1)</text>\n"
      for (j, count) in counts[i].enumerated() {
        let x = labelWidth + j * cell
        let level = i == j ? 0 : Int((Double(count) / Double(maximum) * 4).rounded(.up))
        svg += """
          <g><title>\(Escape.html(labels[i])) with \(Escape.html(labels[j])): \(count) items</title>\
          <rect x="\(x)" y="\(y)" width="\(cell - 2)" height="\(cell - 2)" class="heat\(i == j ? "-self" : String(level))"/>\
          <text x="\(x + cell / 2 - 1)" y="\(y + cell / 2 + 4)" text-anchor="middle" class="cell\(level >= 3 ? " light" : "")">\(count)</text></g>

          """
      }
    }
    let legendY = top + cell * size + 20
    svg +=
      "<text x=\"\(labelWidth)\" y=\"\(legendY)\" class=\"note\">Numbers are items tagged with both themes; the diagonal shows items with the theme.</text>\n"
    return svg + "</svg>"
  }

  /// Small multiples: for each series a row of bars by year, each with its count.
  public static func trends(
    title: String, description: String, years: [String],
    series: [(label: String, counts: [String: Int])], id: String
  ) -> String {
    let labelWidth = 230
    let column = 46
    let rowHeight = 40
    let width = labelWidth + column * max(1, years.count) + 20
    let height = 40 + rowHeight * max(1, series.count) + 10
    let maximum = max(1, series.flatMap { $0.counts.values }.max() ?? 1)
    var svg = header(width: width, height: height, title: title, description: description, id: id)
    for (index, year) in years.enumerated() {
      svg +=
        "<text x=\"\(labelWidth + index * column + column / 2)\" y=\"28\" text-anchor=\"middle\" class=\"label\">\(Escape.html(year))</text>\n"
    }
    for (row, entry) in series.enumerated() {
      let y = 36 + row * rowHeight
      svg +=
        "<text x=\"\(labelWidth - 8)\" y=\"\(y + 24)\" text-anchor=\"end\" class=\"label\">\(Escape.html(truncate(entry.label, 32)))</text>\n"
      for (index, year) in years.enumerated() {
        let count = entry.counts[year] ?? 0
        let barHeight = count * (rowHeight - 16) / maximum
        let x = labelWidth + index * column + 8
        svg += """
          <g><title>\(Escape.html(entry.label)), \(Escape.html(year)): \(count) reviews</title>\
          <rect x="\(x)" y="\(y + rowHeight - 12 - barHeight)" width="\(column - 16)" height="\(max(barHeight, count > 0 ? 2 : 0))" class="bar"/>\
          <text x="\(x + (column - 16) / 2)" y="\(y + rowHeight - 1)" text-anchor="middle" class="value">\(count)</text></g>

          """
      }
    }
    return svg + "</svg>"
  }

  private static func header(
    width: Int, height: Int, title: String, description: String, id: String
  ) -> String {
    let safeID = Escape.fileName(id)
    return """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" \
      role="img" aria-labelledby="\(safeID)-title \(safeID)-desc" class="chart">
      <title id="\(safeID)-title">\(Escape.html(title))</title>
      <desc id="\(safeID)-desc">\(Escape.html(description))</desc>

      """
  }

  static func truncate(_ text: String, _ length: Int) -> String {
    text.count <= length ? text : String(text.prefix(length - 1)) + "…"
  }
}
