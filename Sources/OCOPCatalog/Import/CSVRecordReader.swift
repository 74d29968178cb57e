import Foundation
import Groundwork

/// Streams the records of an RFC 4180 CSV file (quoted fields, doubled quotes, line breaks in quotes),
/// reading a bounded buffer at a time, so memory does not grow with the file.
///
/// Works on bytes so that each record knows the line it starts on and each field can be checked to be
/// UTF-8 instead of being decoded by guesswork. The delimiter is `,`, or `;` or a tab when the header line
/// uses that instead (spreadsheets in Vietnamese locales often save with `;`).
struct CSVRecordReader: ~Copyable {
    /// A record: its fields as raw bytes (unquoted, one after another in one array, so that reading a record
    /// allocates nothing once the arrays have grown), and the line it starts on.
    struct Record {
        var line = 0
        /// Every field's bytes, one after another.
        fileprivate(set) var bytes: [UInt8] = []
        /// Where each field ends in ``bytes``; a field starts where the one before it ends.
        fileprivate(set) var ends: [Int] = []

        /// How many fields the record has.
        var count: Int { self.ends.count }

        /// The bytes of the field at `index`.
        subscript(index: Int) -> ArraySlice<UInt8> {
            self.bytes[(index == 0 ? 0 : self.ends[index - 1])..<self.ends[index]]
        }

        /// Every field's bytes.
        var fields: [ArraySlice<UInt8>] { (0..<self.count).map { self[$0] } }

        /// Whether the record is a blank line: one empty field.
        var isBlankLine: Bool { self.ends == [0] }

        fileprivate mutating func removeAll() {
            self.bytes.removeAll(keepingCapacity: true)
            self.ends.removeAll(keepingCapacity: true)
        }
    }

    /// A field longer than this is refused rather than held in memory.
    static let maximumFieldBytes = 1 << 20

    private let handle: FileHandle
    private let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var delimiter: UInt8?
    /// The encoding asked for; `nil`: UTF-8, or UTF-16 when the file starts with its byte-order mark.
    private let encoding: TextEncoding?
    /// Turns the file into UTF-8 when it is in another encoding; made when the first chunk is read.
    private var transcoder: UTF8Transcoder?
    private var startedReading = false
    /// The record being read, its arrays reused from one record to the next.
    private var record = Record()

    /// Opens `url`, in `encoding` (`nil`: UTF-8, or UTF-16 by its byte-order mark); `file` is how messages
    /// name it.
    init(url: URL, file: String, encoding: TextEncoding? = nil) throws(CatalogError) {
        self.encoding = encoding
        do {
            self.handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw CatalogError(.unreadableFile, ImportMessages.cannotOpen(file, reason: Self.reason(error)))
        }
        self.file = file
    }

    deinit {
        try? self.handle.close()
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }

    /// Replaces the consumed buffer with the next chunk of the file (as UTF-8); `false` at the end of the file.
    private mutating func refill() throws(CatalogError) -> Bool {
        while true {
            guard !self.atEnd else { return false }
            let chunk: Data?
            do {
                chunk = try self.handle.read(upToCount: 1 << 16)
            } catch {
                throw CatalogError(.unreadableFile, "\(self.file):\(self.line): cannot read: \(Self.reason(error))")
            }
            self.position = 0
            guard let chunk, !chunk.isEmpty else {
                self.atEnd = true
                // What the transcoder still holds (a last letter, or a character cut off by the end of the file).
                self.buffer = try self.transcode([], isLast: true)
                return !self.buffer.isEmpty
            }
            if !self.startedReading {
                self.startedReading = true
                try self.chooseTranscoder(for: chunk)
            }
            self.buffer = try self.transcode([UInt8](chunk), isLast: false)
            if self.buffer.isEmpty { continue }  // all of it pending: read on
            if self.delimiter == nil { self.delimiter = Self.detectDelimiter(in: self.buffer) }
            return true
        }
    }

    /// Makes the transcoder the file needs, from its first chunk: the encoding asked for, or UTF-16 by its
    /// byte-order mark. A file asked to be read as Windows-1258 that is plainly UTF-8 is refused rather than
    /// garbled; an encoding this system cannot convert is said so.
    private mutating func chooseTranscoder(for start: Data) throws(CatalogError) {
        guard let encoding = self.encoding ?? TextEncoding.announced(by: start), encoding != .utf8 else { return }
        if encoding == .windows1258,
            start.starts(with: [0xEF, 0xBB, 0xBF])
                || (start.contains { $0 >= 0x80 } && String(validating: start, as: UTF8.self) != nil)
        {
            throw CatalogError(.invalidInput, ImportMessages.alreadyUTF8(self.file))
        }
        guard let transcoder = UTF8Transcoder(from: encoding) else {
            throw CatalogError(.unreadableFile, ImportMessages.encodingUnavailable(self.file, encoding))
        }
        self.transcoder = transcoder
    }

    /// `bytes` as UTF-8: as they are, or through the transcoder.
    private func transcode(_ bytes: [UInt8], isLast: Bool) throws(CatalogError) -> [UInt8] {
        guard let transcoder = self.transcoder else { return bytes }
        do {
            return try transcoder.convert(bytes, isLast: isLast)
        } catch {
            // The buffer before this chunk was read to its end, so the bad bytes are on the line reached, plus
            // the line breaks of the chunk's text before them.
            let line = self.line + error.convertedBeforeIt.count { $0 == UInt8(ascii: "\n") }
            throw CatalogError(.invalidInput, ImportMessages.notInEncoding(self.file, line: line, error.encoding))
        }
    }

    /// The delimiter of the first line: `,` unless the line has none and has `;` or tabs.
    private static func detectDelimiter(in bytes: [UInt8]) -> UInt8 {
        // Counted outside quotes: a quoted title such as "DANH SÁCH, 2026";;; is a `;` line.
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && !quoted { break }
            if byte == 0x22 { quoted.toggle() }
            if !quoted, [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")].contains(byte) {
                counts[byte, default: 0] += 1
            }
        }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        return best.map { counts[UInt8(ascii: ","), default: 0] == $0.value ? UInt8(ascii: ",") : $0.key }
            ?? UInt8(ascii: ",")
    }

    /// The next record, skipping blank lines; `nil` at the end of the file. The record's arrays are the
    /// reader's own, reused for the next one: let go of the record before asking for the next.
    mutating func next() throws(CatalogError) -> Record? {
        while try self.nextRecord() {
            if self.record.isBlankLine { continue }
            return self.record
        }
        return nil
    }

    /// Reads the next record into ``record``; `false` at the end of the file. The buffer is read a chunk at a
    /// time by ``scan(_:)``; a record that goes on past the chunk is read on from the next.
    private mutating func nextRecord() throws(CatalogError) -> Bool {
        let startLine = self.line
        self.record.removeAll()
        self.record.line = startLine
        var state = ScanState()
        while true {
            if self.position == self.buffer.count, !(try self.refill()) {
                if state.quoteEndedChunk {
                    // The quote that ended the last chunk closes the field: the file ends after it.
                    state.quoteEndedChunk = false
                    state.quoted = false
                }
                if state.quoted { throw self.problem(startLine, ImportMessages.quoteNeverClosed) }
                guard state.sawAnyByte else { return false }
                self.record.ends.append(self.record.bytes.count)
                return true
            }
            switch self.scan(&state) {
            case .record: return true
            case .chunk: continue
            case .textAfterClosingQuote: throw self.problem(startLine, ImportMessages.textAfterClosingQuote)
            case .fieldTooLong: throw self.problem(startLine, ImportMessages.valueTooLong(Self.maximumFieldBytes))
            }
        }
    }

    /// Where ``scan(_:)`` stopped.
    private enum ScanEnd {
        /// At the line break that ends the record.
        case record
        /// At the end of the chunk, inside the record.
        case chunk
        /// At a byte after a closing quote: `"ab"cd`, which RFC 4180 does not have (taking it would lose the quote).
        case textAfterClosingQuote
        /// At a field longer than ``maximumFieldBytes``.
        case fieldTooLong
    }

    /// Where in its record the reading is, kept from one chunk to the next.
    private struct ScanState {
        /// Where the field being read starts in the record's bytes.
        var fieldStart = 0
        var quoted = false
        var fieldStarted = false
        var afterClosingQuote = false
        /// A quote inside quotes was the chunk's last byte: whether it is doubled shows in the next chunk.
        var quoteEndedChunk = false
        var sawAnyByte = false
    }

    /// Reads the record's bytes from ``position`` on, up to the end of the record or of the chunk. Runs of plain
    /// bytes are copied at once; only quotes, delimiters and line breaks are looked at one by one. The chunk is
    /// read through a pointer, and the record's arrays are appended to in place.
    private mutating func scan(_ state: inout ScanState) -> ScanEnd {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        // What ends a run outside quotes (a line break when no delimiter is known, which never happens once a
        // chunk is read).
        let runEnd = self.delimiter ?? newline
        let chunk = self.buffer  // one reference for the whole chunk
        return chunk.withUnsafeBufferPointer { bytes -> ScanEnd in
            var position = self.position
            defer { self.position = position }
            let count = bytes.count
            /// After a quote inside quotes, the byte at `position`: a second quote is one quote of the value (and
            /// is taken), anything else ends the quoted part.
            func quoteFollowed() {
                if bytes[position] == quote {
                    position += 1
                    self.record.bytes.append(quote)
                } else {
                    state.quoted = false
                    state.afterClosingQuote = true
                }
            }
            if state.quoteEndedChunk {
                state.quoteEndedChunk = false
                quoteFollowed()
                if self.record.bytes.count - state.fieldStart > Self.maximumFieldBytes { return .fieldTooLong }
            }
            while position < count {
                let byte = bytes[position]
                position += 1
                state.sawAnyByte = true
                if byte == newline { self.line += 1 }
                if state.quoted {
                    if byte == quote {
                        // The byte after the quote, from the next chunk when this one ends here.
                        guard position < count else {
                            state.quoteEndedChunk = true
                            return .chunk
                        }
                        quoteFollowed()
                    } else {
                        // Up to the next quote, counting line breaks.
                        var end = position
                        while end < count, bytes[end] != quote {
                            if bytes[end] == newline { self.line += 1 }
                            end += 1
                        }
                        self.record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(position - 1)..<end]))
                        position = end
                    }
                } else if state.afterClosingQuote, byte != delimiter, byte != newline, byte != carriageReturn {
                    return .textAfterClosingQuote
                } else if byte == delimiter {
                    self.record.ends.append(self.record.bytes.count)
                    state.fieldStart = self.record.bytes.count
                    state.fieldStarted = false
                    state.afterClosingQuote = false
                } else if byte == newline {
                    self.record.ends.append(self.record.bytes.count)
                    return .record
                } else if byte == carriageReturn {
                    continue
                } else if byte == quote && !state.fieldStarted {
                    state.quoted = true
                    state.fieldStarted = true
                } else {
                    // Up to the next delimiter, carriage return or line break.
                    var end = position
                    while end < count {
                        let next = bytes[end]
                        if next == runEnd || next == newline || next == carriageReturn { break }
                        end += 1
                    }
                    self.record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(position - 1)..<end]))
                    position = end
                    state.fieldStarted = true
                }
                if self.record.bytes.count - state.fieldStart > Self.maximumFieldBytes { return .fieldTooLong }
            }
            return .chunk
        }
    }

    /// The error for a record that cannot be read on, starting on `line`.
    private func problem(_ line: Int, _ reason: LocalizedText) -> CatalogError {
        CatalogError(.invalidInput, RowProblem(file: self.file, line: line, column: "row", reason: reason).text)
    }
}
