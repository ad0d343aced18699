/// An Aho–Corasick automaton over word stems: every phrase of every theme (and every exclusion,
/// negation cue and language term) is found in one pass over an item's words, so the cost per
/// word does not grow with the number of themes.
public struct PhraseAutomaton: Sendable {
  /// What a pattern stands for.
  public enum Meaning: Sendable, Hashable {
    /// A theme phrase: theme index and phrase index within the theme.
    case phrase(theme: Int, phrase: Int)
    /// A false friend of a theme.
    case exclude(theme: Int)
    /// A negation cue.
    case negation
    /// A language-check term (index into the list).
    case language(term: Int)
  }

  /// A pattern: its meaning and its length in words.
  public struct Pattern: Sendable {
    /// What the pattern stands for.
    public var meaning: Meaning
    /// Its length in words.
    public var length: Int
  }

  /// A match: which pattern, and the word range it covers (inclusive start, exclusive end).
  public struct Match: Sendable {
    /// Index into ``patterns``.
    public var pattern: Int
    /// First word of the match.
    public var start: Int
    /// One past the last word.
    public var end: Int
  }

  /// The patterns, by index.
  public private(set) var patterns: [Pattern] = []
  private var vocabulary: [String: Int32] = [:]
  private var transitions: [[Int32: Int32]] = [[:]]
  private var failure: [Int32] = [0]
  private var outputs: [[Int32]] = [[]]

  /// Creates an empty automaton; add patterns, then call ``compile()``.
  public init() {}

  /// Adds a pattern given as stems; empty patterns are ignored.
  public mutating func add(_ stems: [String], meaning: Meaning) {
    guard !stems.isEmpty else { return }
    var state: Int32 = 0
    for stem in stems {
      let id = vocabulary[stem] ?? Int32(vocabulary.count)
      vocabulary[stem] = id
      if let next = transitions[Int(state)][id] {
        state = next
      } else {
        let next = Int32(transitions.count)
        transitions.append([:])
        failure.append(0)
        outputs.append([])
        transitions[Int(state)][id] = next
        state = next
      }
    }
    outputs[Int(state)].append(Int32(patterns.count))
    patterns.append(Pattern(meaning: meaning, length: stems.count))
  }

  /// Builds the failure links (breadth first), merging outputs along them.
  public mutating func compile() {
    var queue: [Int32] = []
    for (_, child) in transitions[0] {
      failure[Int(child)] = 0
      queue.append(child)
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for (symbol, child) in transitions[Int(state)] {
        queue.append(child)
        var fallback = failure[Int(state)]
        while fallback != 0 && transitions[Int(fallback)][symbol] == nil {
          fallback = failure[Int(fallback)]
        }
        let target = transitions[Int(fallback)][symbol] ?? 0
        failure[Int(child)] = target == child ? 0 : target
        outputs[Int(child)] += outputs[Int(failure[Int(child)])]
      }
    }
  }

  /// The vocabulary id of a stem, or -1 when no pattern uses it.
  public func symbol(_ stem: String) -> Int32 { vocabulary[stem] ?? -1 }

  /// Every match in a sequence of stems.
  public func matches(_ stems: [String]) -> [Match] {
    var found: [Match] = []
    var state: Int32 = 0
    for (index, stem) in stems.enumerated() {
      let symbol = self.symbol(stem)
      if symbol < 0 {
        state = 0
        continue
      }
      while state != 0 && transitions[Int(state)][symbol] == nil {
        state = failure[Int(state)]
      }
      state = transitions[Int(state)][symbol] ?? 0
      for pattern in outputs[Int(state)] {
        let length = patterns[Int(pattern)].length
        found.append(Match(pattern: Int(pattern), start: index + 1 - length, end: index + 1))
      }
    }
    return found
  }
}
