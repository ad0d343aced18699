import Foundation

/// A small RFC 4180 reader for checking the CSV files cspr writes.
public enum CSVReader {
  /// Rows of cells; a leading byte-order mark is skipped.
  public static func rows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var characters = Array(text)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if quoted {
        if character == "\"" {
          if index + 1 < characters.count && characters[index + 1] == "\"" {
            cell.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          cell.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        row.append(cell)
        cell = ""
      } else if character == "\r\n" || character == "\n" || character == "\r" {
        row.append(cell)
        rows.append(row)
        row = []
        cell = ""
      } else {
        cell.append(character)
      }
      index += 1
    }
    if !cell.isEmpty || !row.isEmpty {
      row.append(cell)
      rows.append(row)
    }
    return rows
  }

  /// Rows as dictionaries keyed by the header row.
  public static func records(_ text: String) -> [[String: String]] {
    let all = rows(text)
    guard let header = all.first else { return [] }
    return all.dropFirst().map { row in
      Dictionary(
        uniqueKeysWithValues: zip(
          header, row + Array(repeating: "", count: max(0, header.count - row.count))
        ).map { ($0, $1) })
    }
  }
}
