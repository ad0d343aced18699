import CSPRModel
import Foundation

/// What a review says about itself: title, partnership, year, type, child, age, sex, outcome,
/// categories of harm and agencies — read from the conventions reviews follow on their first
/// pages ("Published: March 2021", "Child A was 14 months old…").
struct MetadataExtractor {
  func extract(_ document: ReviewDocument, outline: ReviewOutline) -> ReviewMetadata {
    var ordered: [(position: Int, text: String, isHeading: Bool)] = []
    for entry in outline.sections {
      if entry.section.level > 0 {
        ordered.append((entry.section.position, entry.section.heading, true))
      }
      for block in entry.section.blocks { ordered.append((block.position, block.text, false)) }
    }
    ordered.sort { $0.position < $1.position }
    let front = ordered.prefix(14).map(\.text)
    // Read block by block: joining a long review and splitting it into words once held
    // about twelve bytes of working memory per byte of text.
    let texts = ordered.map(\.text)

    var metadata = ReviewMetadata()
    metadata.partnership = partnership(front: front, texts: texts)
    metadata.title = title(document, ordered: ordered, partnership: metadata.partnership)
    (metadata.year, metadata.yearKind) = year(texts)
    metadata.reviewType = reviewType(
      title: metadata.title ?? "", front: front, partnership: metadata.partnership)
    let isSingleChild = ![.nationalPanelReview, .thematicReview].contains(metadata.reviewType)
    if isSingleChild {
      metadata.child = child(texts, title: metadata.title ?? "")
      let opening = ordered.prefix(30).map(\.text).filter { !$0.isEmpty }
      metadata.childAgeMonths = AgeReader.firstAge(in: opening, child: metadata.child)
      metadata.sex = sex(opening, child: metadata.child)
      metadata.outcome = outcome(opening)
    }
    metadata.synopsis = synopsis(outline, child: metadata.child)
    metadata.harmCategories = harmCategories(texts)
    metadata.agencies = Agencies.mentioned(inBlocks: texts)
    return metadata
  }

  // MARK: Title

  private func title(
    _ document: ReviewDocument, ordered: [(position: Int, text: String, isHeading: Bool)],
    partnership: String?
  ) -> String? {
    if document.format == .html || document.format == .markdown, let title = document.title,
      !isPartnershipLine(title)
    {
      return title
    }
    var candidates: [String] = []
    for entry in ordered.prefix(10) {
      let words = entry.text.split(separator: " ")
      if HeadingNumber.parse(entry.text) != nil && entry.isHeading || words.count > 25 { break }
      if isPartnershipLine(entry.text) || isDateOrAuthorLine(entry.text) { continue }
      candidates.append(entry.text)
    }
    let reviewWords = ["review", "briefing", "summary", "report"]
    for (index, candidate) in candidates.enumerated() {
      let lower = candidate.lowercased()
      guard reviewWords.contains(where: lower.has) else { continue }
      let bareType = ["serious case review", "child safeguarding practice review", "rapid review"]
        .contains(lower.trimmingSpaces())
      if bareType, index + 1 < candidates.count,
        candidates[index + 1].split(separator: " ").count <= 4
      {
        return titleCase(candidate + ": " + candidates[index + 1])
      }
      return titleCase(candidate)
    }
    return (candidates.first ?? document.title).map(titleCase)
  }

  private func isPartnershipLine(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.contains("safeguarding") && !lower.contains("review")
      && ["partnership", "board", "partners"].contains(where: lower.has)
      || lower == "child safeguarding practice review panel"
  }

  private func isDateOrAuthorLine(_ text: String) -> Bool {
    let lower = text.lowercased()
    return ["published", "publication", "author", "date", "lead reviewer", "overview report"]
      .contains(where: lower.hasPrefix)
  }

  /// ALL-CAPS lines are shown in Title Case; anything else is left as written.
  private func titleCase(_ text: String) -> String {
    let letters = text.filter(\.isLetter)
    guard !letters.isEmpty, letters.allSatisfy(\.isUppercase) else { return text }
    let small: Set<String> = ["and", "of", "the", "for", "in", "on", "a", "an", "to"]
    return text.split(separator: " ").enumerated().map { index, word in
      let lower = word.lowercased()
      if index > 0 && small.contains(lower) { return lower }
      if word.count <= 2 && !small.contains(lower) { return String(word) }  // "D", "LSCB" kept
      return lower.prefix(1).uppercased() + lower.dropFirst()
    }.joined(separator: " ")
  }

  // MARK: Synopsis

  /// The first two sentences of the first substantial paragraph that tells what happened: one
  /// naming the child, else the first paragraph of the introduction or background.
  private func synopsis(_ outline: ReviewOutline, child: String?) -> String? {
    let paragraphs = outline.sections.filter { [.front, .narrative].contains($0.role) }
      .flatMap(\.section.blocks).filter {
        $0.kind == .paragraph && $0.text.split(separator: " ").count >= 12
      }
    let chosen =
      child.flatMap { name in paragraphs.first { $0.text.has(name) } } ?? paragraphs.first
    guard var text = chosen?.text else { return nil }
    if let first = text.split(separator: " ").first, HeadingNumber.dottedNumber(first) != nil {
      text = String(text.dropFirst(first.count)).trimmingSpaces()  // "1.1 This review…"
    }
    return TextTools.sentences(text).prefix(2).joined(separator: " ")
  }

  // MARK: Partnership

  private func partnership(front: [String], texts: [String]) -> String? {
    let endings: Set<String> = ["partnership", "board", "panel", "partners", "arrangements"]
    func names(in text: String) -> [String] {
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
      var found: [String] = []
      for (index, word) in words.enumerated() where word.lowercased() == "safeguarding" {
        var end: Int?
        for offset in 1...4 where index + offset < words.count {
          let candidate = words[index + offset].lowercased().trimmingPunctuation()
            .trimmingCharacters(in: CharacterSet(charactersIn: ",;’'"))
          if endings.contains(candidate) {
            end = index + offset
            break
          }
          if words[index + offset].first?.isUppercase != true { break }
        }
        guard let end else { continue }
        var start = index
        while start > 0 {
          let previous = words[start - 1]
          let joins = ["and", "&", "of"].contains(previous.lowercased())
          guard previous.first?.isUppercase == true || joins,
            !previous.hasSuffix("."), !previous.hasSuffix(":"), !previous.hasSuffix(",")
          else { break }
          start -= 1
        }
        var nameWords = Array(words[start...end])
        while let first = nameWords.first, ["the", "and", "of"].contains(first.lowercased()) {
          nameWords.removeFirst()
        }
        guard nameWords.count >= 2 else { continue }
        var name = nameWords.joined(separator: " ")
        while let last = name.last, !last.isLetter { name.removeLast() }
        if name.hasSuffix("’s") || name.hasSuffix("'s") { name.removeLast(2) }
        found.append(titleCase(name))
      }
      return found
    }
    if let first = front.lazy.flatMap(names).first(where: { $0.split(separator: " ").count >= 3 }) {
      return first
    }
    // A name is whole within a block, so the blocks are searched one at a time.
    let all = texts.flatMap(names)
    var counts: [String: Int] = [:]
    for name in all { counts[name, default: 0] += 1 }
    return all.first { counts[$0] == counts.values.max() }
  }

  // MARK: Year

  private func year(_ texts: [String]) -> (Int?, String?) {
    for text in texts.prefix(40) {
      let lower = text.lowercased()
      for cue in ["published", "publication", "date of publication"] {
        guard let range = lower.range(of: cue) else { continue }
        let after = String(lower[range.upperBound...].prefix(40))
        if let year = Self.years(in: after).first { return (year, "published") }
      }
    }
    // A sign-off such as "Calderbrook LSCB, November 2016" at the end.
    for text in texts.suffix(3).reversed() where text.split(separator: " ").count <= 8 {
      if let year = Self.years(in: text).last { return (year, "published") }
    }
    let early = texts.prefix(20).flatMap { Self.years(in: $0) }
    if let latest = early.max() { return (latest, "incident") }
    return (nil, nil)
  }

  /// Four-digit years from 1990 to 2039 standing as words.
  static func years(in text: String) -> [Int] {
    var out: [Int] = []
    var digits = ""
    var previous: Character = " "
    for character in text + " " {
      if character.isASCII && character.isNumber {
        if digits.isEmpty && (previous.isLetter || previous.isNumber) { digits = "x" }
        digits.append(character)
      } else {
        if digits.count == 4, !character.isLetter, let value = Int(digits),
          (1990...2039).contains(value)
        {
          out.append(value)
        }
        digits = ""
      }
      previous = character
    }
    return out
  }

  // MARK: Type

  private func reviewType(title: String, front: [String], partnership: String?) -> ReviewType? {
    let panel = partnership?.lowercased().contains("panel") == true
    for text in [title] + [front.joined(separator: " ")] {
      let lower = text.lowercased()
      if panel && lower.contains("review") { return .nationalPanelReview }
      if lower.contains("rapid review") { return .rapidReview }
      if lower.contains("child practice review") { return .childPracticeReview }
      if lower.contains("serious case review") { return .seriousCaseReview }
      if panel || lower.contains("national review") || lower.contains("national panel review") {
        if lower.contains("review") { return .nationalPanelReview }
      }
      if lower.contains("thematic review") || lower.contains("thematic") { return .thematicReview }
      if lower.contains("safeguarding practice review") || lower.contains("cspr")
        || lower.contains("7-minute briefing") || lower.contains("seven minute briefing")
      {
        return .localCSPR
      }
    }
    return panel ? .nationalPanelReview : nil
  }

  // MARK: Child

  private func child(_ texts: [String], title: String) -> String? {
    var counts: [String: Int] = [:]
    var order: [String] = []
    func count(_ word: Substring, _ following: Substring) {
      guard word == "Child" || word == "Baby" || word == "Children" || word == "Infant" else {
        return
      }
      var next = following
      while let last = next.last, !last.isLetter && !last.isNumber { next.removeLast() }
      if next.hasSuffix("’s") || next.hasSuffix("'s") { next.removeLast(2) }
      guard let first = next.first, first.isUppercase, next.count <= 3,
        next.dropFirst().allSatisfy({ $0.isNumber }) || next.count == 1
      else { return }
      let name = (word == "Children" ? "Child" : String(word)) + " " + next
      if counts[name] == nil { order.append(name) }
      counts[name, default: 0] += 1
    }
    // Word pairs across the whole text, a block at a time ("Child" ending one block and "A"
    // starting the next still make a pair, as in the joined text).
    var previous: Substring?
    for text in texts {
      for next in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        defer { previous = next }
        guard let word = previous else { continue }
        count(word, next)
      }
    }
    if let best = counts.values.max() {
      return order.first { counts[$0] == best }
    }
    // A pseudonym standing first in the title: "Jaden: a Child Safeguarding Practice Review".
    if let colon = title.firstIndex(of: ":") {
      let name = title[..<colon].trimmingSpaces()
      if !name.contains(" "), name.first?.isUppercase == true { return name }
    }
    return nil
  }

  private func sex(_ texts: [String], child: String?) -> String? {
    let sentences = texts.flatMap { TextTools.sentences($0) }
    let lowerAll = " " + texts.joined(separator: " ").lowercased() + " "
    for (cue, isBoy) in [
      ("-old boy", true), ("-old girl", false), (" a boy", true), (" a girl", false),
      (" baby boy", true), (" baby girl", false),
    ] where lowerAll.has(cue) {
      return isBoy ? "male" : "female"
    }
    // Pronouns in the sentences that name the child, and the sentence after each.
    var boy = 0
    var girl = 0
    for (index, sentence) in sentences.enumerated() where child.map(sentence.has) ?? false {
      for text in sentences[index..<min(sentences.count, index + 2)] {
        let words = text.lowercased().split { !$0.isLetter }
        boy += words.filter { ["he", "him", "his", "himself", "son", "boy"].contains($0) }.count
        girl +=
          words.filter { ["she", "her", "hers", "herself", "daughter", "girl"].contains($0) }
          .count
      }
    }
    if boy == girl { return nil }
    return boy > girl ? "male" : "female"
  }

  private func outcome(_ texts: [String]) -> Outcome? {
    let death = [
      "died", "death of", "his death", "her death", "was killed", "fatal", "murder",
      "took his own life", "took her own life", "ended his life", "ended her life",
      "unexpected death",
    ]
    let harm = [
      "serious harm", "seriously harmed", "serious injur", "seriously injured",
      "significant injur", "life-threatening", "life threatening", "admitted to hospital",
      "intensive care", "ventilat", "was harmed", "significant harm", "taken to hospital",
      "severely", "was assaulted",
    ]
    var best: (Int, Outcome)?
    for (offset, text) in texts.enumerated() {
      let lower = text.lowercased()
      for (cues, value) in [(death, Outcome.death), (harm, Outcome.seriousHarm)] {
        for cue in cues {
          guard let range = lower.range(of: cue) else { continue }
          let score =
            offset * 100_000 + lower.distance(from: lower.startIndex, to: range.lowerBound)
          if let current = best, current.0 <= score { continue }
          best = (score, value)
        }
      }
      if best != nil { break }
    }
    return best?.1
  }

  static let harmPhrases = PhraseSet<Int>(
    [
      ("physical abuse", 0), ("non accidental", 0), ("fractur*", 0), ("bruis*", 0),
      ("head injur*", 0), ("head trauma", 0), ("assault*", 0),
      ("sexual abuse", 1), ("sexually abused", 1), ("child sexual", 1), ("indecent image*", 1),
      ("sexual exploitation", 1),
      ("emotional abuse", 2), ("emotional harm", 2), ("emotionally abus*", 2),
      ("neglect*", 3),
      ("exploitation", 4), ("county lines", 4), ("exploited", 4),
    ])
  static let harmNames = [
    "physical abuse", "sexual abuse", "emotional abuse", "neglect", "exploitation",
  ]

  private func harmCategories(_ texts: [String]) -> [String] {
    let found = Self.harmPhrases.labels(inBlocks: texts)
    return Self.harmNames.indices.filter(found.contains).map { Self.harmNames[$0] }
  }

}
