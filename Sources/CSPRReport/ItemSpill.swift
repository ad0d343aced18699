import CSPRModel
import Foundation

/// An item with the review facts that reports print beside it.
public struct SpilledItem: Codable, Sendable {
  /// The item as extracted and classified.
  public var item: Item
  /// The review's id.
  public var reviewID: String
  /// The review's source file.
  public var source: String
  /// The review's title.
  public var title: String
  /// The publishing partnership.
  public var partnership: String?
  /// The year.
  public var year: Int?
  /// The review type id.
  public var reviewType: String?

  /// The citation readers see.
  public var citation: Citation {
    Citation(
      title: title, partnership: partnership, year: year, section: item.section, source: source,
      reviewID: reviewID, position: item.position)
  }
}

/// Items written to disk as they arrive (JSON Lines, one file per kind and one per theme), so
/// that a corpus of any size is reported with memory that does not grow with its text.
public final class ItemSpill {
  /// The folder holding the spill files; removed by ``close()``.
  public let folder: URL
  private var handles: [String: FileHandle] = [:]
  private let encoder = JSONEncoder()

  /// Creates a spill in a new temporary folder.
  public init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("cspr-spill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit { close() }

  /// Appends an item to its kind's file and to each of its themes' files.
  ///
  /// Theme files, read once per theme page, leave out the evidence (the kind files, read for
  /// the CSV, keep it): pages show citations, not matched phrases.
  public func add(_ item: SpilledItem) throws {
    var line = try encoder.encode(item)
    line.append(0x0A)
    try append(line, to: "kind-" + item.item.kind.rawValue)
    guard !item.item.themes.isEmpty else { return }
    var lean = item
    lean.item.themes = item.item.themes.map {
      ThemeTag(theme: $0.theme, score: $0.score, evidence: [], confidence: $0.confidence)
    }
    var leanLine = try encoder.encode(lean)
    leanLine.append(0x0A)
    for theme in item.item.themeIDs { try append(leanLine, to: "theme-" + theme) }
  }

  /// The items tagged with one theme, in the order added.
  public func items(theme: String) throws -> [SpilledItem] { try read("theme-" + theme) }

  /// The `limit` items of each kind tagged with `theme` that score highest for it (ties in the
  /// order added), strongest first, and how many there are in all; streams the file, so a
  /// theme with a hundred thousand items costs no more memory than one with `limit`.
  public func strongest(theme: String, limit: Int) throws -> [ItemKind: (
    items: [SpilledItem], total: Int
  )] {
    var kept: [ItemKind: [(Double, Int, SpilledItem)]] = [:]
    var totals: [ItemKind: Int] = [:]
    var order = 0
    func trim(_ list: inout [(Double, Int, SpilledItem)]) {
      list.sort { ($0.0, -$0.1) > ($1.0, -$1.1) }
      list.removeLast(max(0, list.count - limit))
    }
    try stream("theme-" + theme) { item in
      let score = item.item.themes.first { $0.theme == theme }?.score ?? 0
      kept[item.item.kind, default: []].append((score, order, item))
      totals[item.item.kind, default: 0] += 1
      order += 1
      if kept[item.item.kind, default: []].count >= 2 * limit {
        trim(&kept[item.item.kind, default: []])
      }
    }
    var out: [ItemKind: (items: [SpilledItem], total: Int)] = [:]
    for kind in ItemKind.allCases {
      var list = kept[kind] ?? []
      trim(&list)
      out[kind] = (list.map(\.2), totals[kind] ?? 0)
    }
    return out
  }

  /// Calls `body` with each item of a kind without holding them all.
  public func forEach(kind: ItemKind, _ body: (SpilledItem) throws -> Void) throws {
    try stream("kind-" + kind.rawValue, body)
  }

  /// Closes the files and removes the folder.
  public func close() {
    for handle in handles.values { try? handle.close() }
    handles = [:]
    try? FileManager.default.removeItem(at: folder)
  }

  private func append(_ data: Data, to name: String) throws {
    if handles[name] == nil {
      let url = folder.appendingPathComponent(name + ".jsonl")
      _ = FileManager.default.createFile(atPath: url.path, contents: nil)
      handles[name] = try FileHandle(forWritingTo: url)
    }
    try handles[name]?.write(contentsOf: data)
  }

  private func read(_ name: String) throws -> [SpilledItem] {
    var out: [SpilledItem] = []
    try stream(name) { out.append($0) }
    return out
  }

  /// Decodes a spill file line by line, reading it in 1 MB chunks: a memory map of a large
  /// file would count every page read towards the process's resident memory.
  private func stream(_ name: String, _ body: (SpilledItem) throws -> Void) throws {
    try handles[name]?.synchronize()
    let url = folder.appendingPathComponent(name + ".jsonl")
    guard let reader = try? FileHandle(forReadingFrom: url) else { return }
    defer { try? reader.close() }
    let decoder = JSONDecoder()
    var pending = Data()
    while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
      pending.append(chunk)
      var start = pending.startIndex
      while let end = pending[start...].firstIndex(of: 0x0A) {
        if end > start {
          try body(try decoder.decode(SpilledItem.self, from: pending[start..<end]))
        }
        start = pending.index(after: end)
      }
      pending = Data(pending[start...])
    }
    if !pending.isEmpty { try body(try decoder.decode(SpilledItem.self, from: pending)) }
  }

}
