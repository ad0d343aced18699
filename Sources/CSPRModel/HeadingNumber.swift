/// Reads the number a heading starts with: `6.`, `3.2`, `Section 4`, `Part 2`, `Appendix A`.
public enum HeadingNumber {
  /// The heading's number, or nil when it starts with none.
  public static func parse(_ heading: String) -> String? {
    let words = heading.split(separator: " ", maxSplits: 2)
    guard let first = words.first else { return nil }
    if let number = dottedNumber(first) { return number }
    if words.count >= 2,
      ["section", "part", "chapter", "appendix"].contains(first.lowercased())
    {
      let candidate = words[1].filter { !".:–-".contains($0) }
      if !candidate.isEmpty, candidate.count <= 4 { return candidate }
    }
    return nil
  }

  /// `3`, `3.`, `3.2`, `3.2.1.` → the number without the trailing dot; anything else → nil.
  public static func dottedNumber(_ token: Substring) -> String? {
    var token = token
    if token.last == "." || token.last == ")" { token = token.dropLast() }
    guard !token.isEmpty, token.count <= 12 else { return nil }
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard
      parts.allSatisfy({
        !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber }
      })
    else { return nil }
    return String(token)
  }
}
