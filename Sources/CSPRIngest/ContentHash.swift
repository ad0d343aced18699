/// A stable 64-bit FNV-1a hash of a file's bytes, written as 16 hex digits: the review's id.
///
/// Not cryptographic: it identifies content for de-duplication and incremental runs, where a
/// collision between two different reviews in one corpus is vanishingly unlikely.
enum ContentHash {
  static func hex(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
