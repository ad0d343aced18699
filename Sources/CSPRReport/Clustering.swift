import CSPRClassify

/// Groups similar texts: MinHash signatures over word stems, locality-sensitive hashing to find
/// candidate pairs, and Jaccard similarity of the stem sets to confirm them (union–find).
///
/// Used for recurring recommendations across reviews and for merging near-duplicate findings.
public struct TextClusterer: Sendable {
  /// Pairs at or above this Jaccard similarity of their stem sets join one cluster.
  public var threshold: Double

  static let hashCount = 64
  static let bands = 32
  static let seeds: [UInt64] = (0..<64).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B }
  static let stopStems: Set<String> = Set(
    [
      "the", "and", "should", "that", "with", "for", "are", "all", "this", "their", "from", "have",
      "into", "when", "where", "which", "who", "they", "what", "how", "its", "any", "each", "other",
      "ensur", "partnership", "agenci", "practitioner", "professional", "child", "children",
      "review", "servic", "should",
    ].map { Normaliser.stem($0) })

  /// Creates a clusterer.
  public init(threshold: Double) {
    self.threshold = threshold
  }

  /// The content-word stems of a text, hashed.
  public static func signatureSet(_ text: String) -> Set<UInt64> {
    var out: Set<UInt64> = []
    for token in Normaliser.tokens(text)
    where token.stem.count > 2 && !stopStems.contains(token.stem) {
      out.insert(fnv(token.stem))
    }
    return out
  }

  /// Clusters of indices into `sets` (each a stem set), only joining members whose groups differ
  /// (`group` is the review a text comes from; nil allows any pair).
  ///
  /// Singletons are omitted. Pairs are confirmed by the exact Jaccard similarity of their sets.
  public func clusters(_ sets: [Set<UInt64>], group: [Int]? = nil) -> [[Int]] {
    let signatures = sets.map { $0.isEmpty ? [] : Self.minHash($0) }
    return clusters(signatures: signatures, group: group) { Self.jaccard(sets[$0], sets[$1]) }
  }

  /// Clusters from MinHash signatures alone, pairs confirmed by the share of signature values
  /// they have in common (an estimate of their Jaccard similarity, ±0.06): what a large corpus
  /// keeps in memory instead of its recommendations' word sets.
  public func clusters(signatures: [[UInt64]], group: [Int]? = nil) -> [[Int]] {
    clusters(signatures: signatures, group: group) {
      Self.estimatedSimilarity(signatures[$0], signatures[$1])
    }
  }

  private func clusters(
    signatures: [[UInt64]], group: [Int]?, similarity: (Int, Int) -> Double
  ) -> [[Int]] {
    var parent = Array(signatures.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    let rows = Self.hashCount / Self.bands
    // Bucket keys are built with a fixed hash (not Swift's per-process seeded Hasher), so the
    // same corpus always gives the same clusters.
    var buckets: [UInt64: [Int]] = [:]
    for (index, signature) in signatures.enumerated() where !signature.isEmpty {
      for band in 0..<Self.bands {
        var key = UInt64(band) &* 0x100_0000_01b3
        for row in 0..<rows { key = (key ^ signature[band * rows + row]) &* 0x100_0000_01b3 }
        buckets[key, default: []].append(index)
      }
    }
    // Within a bucket each member is compared with its predecessor and with the bucket's first
    // member (not with every other member): boilerplate recommendations shared by thousands of
    // reviews would otherwise cost a number of comparisons that grows with the square.
    var checked: Set<Int> = []
    func consider(_ a: Int, _ b: Int) {
      if let group, group[a] == group[b] { return }
      let key = min(a, b) * signatures.count + max(a, b)
      guard checked.insert(key).inserted else { return }
      if similarity(a, b) >= threshold { parent[find(a)] = find(b) }
    }
    for (_, members) in buckets.sorted(by: { $0.key < $1.key }) where members.count > 1 {
      for index in members.indices.dropFirst() {
        consider(members[index - 1], members[index])
        if index > 1 { consider(members[0], members[index]) }
      }
    }
    var groups: [Int: [Int]] = [:]
    for index in signatures.indices { groups[find(index), default: []].append(index) }
    return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  /// The share of positions where two MinHash signatures agree.
  public static func estimatedSimilarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
    guard !a.isEmpty, a.count == b.count else { return 0 }
    return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
  }

  /// The member most like the others (highest mean Jaccard similarity), judged among the
  /// first 50 members against the first 200, so a huge cluster costs no more than a large one.
  public static func representative(_ members: [Int], sets: [Set<UInt64>]) -> Int {
    representative(members) { jaccard(sets[$0], sets[$1]) }
  }

  /// ``representative(_:sets:)`` judged by MinHash signatures.
  public static func representative(_ members: [Int], signatures: [[UInt64]]) -> Int {
    representative(members) { estimatedSimilarity(signatures[$0], signatures[$1]) }
  }

  private static func representative(_ members: [Int], similarity: (Int, Int) -> Double) -> Int {
    let judges = members.prefix(200)
    func closeness(_ a: Int) -> Double { judges.reduce(0.0) { $0 + similarity(a, $1) } }
    let scored = members.prefix(50).map { ($0, closeness($0)) }
    return scored.max { ($0.1, -$0.0) < ($1.1, -$1.0) }?.0 ?? members[0]
  }

  static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
  }

  /// The MinHash signature of a stem set (64 values).
  public static func minHash(_ set: Set<UInt64>) -> [UInt64] {
    seeds.map { seed in
      set.reduce(UInt64.max) { current, value in
        var x = value ^ seed
        x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        x = (x ^ (x >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return min(current, x ^ (x >> 33))
      }
    }
  }

  static func fnv(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
