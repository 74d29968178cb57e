import Foundation

/// Streams the records of an RFC 4180 CSV file (quoted fields, doubled quotes, line breaks in quotes),
/// reading a bounded buffer at a time, so memory does not grow with the file.
///
/// Works on bytes so that each record knows the line it starts on and each field can be checked to be
/// UTF-8 instead of being decoded by guesswork. The delimiter is `,`, or `;` or a tab when the header line
/// uses that instead (spreadsheets in Vietnamese locales often save with `;`).
struct CSVRecordReader: ~Copyable {
    /// A record: its fields as raw bytes, and the line it starts on.
    struct Record {
        var line: Int
        var fields: [[UInt8]]
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

    /// Reads the next byte, refilling the buffer; `nil` at the end of the file.
    private mutating func nextByte() throws(CatalogError) -> UInt8? {
        if self.position == self.buffer.count {
            guard !self.atEnd else { return nil }
            let chunk: Data?
            do {
                chunk = try self.handle.read(upToCount: 1 << 16)
            } catch {
                throw CatalogError(.unreadableFile, "\(self.file):\(self.line): cannot read: \(Self.reason(error))")
            }
            guard let chunk, !chunk.isEmpty else {
                self.atEnd = true
                // What the transcoder still holds (a last letter, or a character cut off by the end of the file).
                self.buffer = try self.transcode([], isLast: true)
                self.position = 0
                guard !self.buffer.isEmpty else { return nil }
                defer { self.position += 1 }
                return self.buffer[self.position]
            }
            if !self.startedReading {
                self.startedReading = true
                try self.chooseTranscoder(for: chunk)
            }
            self.buffer = try self.transcode([UInt8](chunk), isLast: false)
            self.position = 0
            if self.buffer.isEmpty { return try self.nextByte() }  // all of it pending: read on
            if self.delimiter == nil { self.delimiter = Self.detectDelimiter(in: self.buffer) }
        }
        defer { self.position += 1 }
        return self.buffer[self.position]
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

    private func peekByte() -> UInt8? {
        self.position < self.buffer.count ? self.buffer[self.position] : nil
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

    /// The next record, skipping blank lines; `nil` at the end of the file.
    mutating func next() throws(CatalogError) -> Record? {
        while true {
            guard let record = try self.nextRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private mutating func nextRecord() throws(CatalogError) -> Record? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let startLine = self.line
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStarted = false
        var afterClosingQuote = false
        var sawAnyByte = false

        while true {
            guard let byte = try self.nextByte() else {
                if quoted {
                    throw CatalogError(
                        .invalidInput,
                        RowProblem(
                            file: self.file,
                            line: startLine,
                            column: "row",
                            reason: ImportMessages.quoteNeverClosed
                        ).text
                    )
                }
                guard sawAnyByte else { return nil }
                fields.append(field)
                return Record(line: startLine, fields: fields)
            }
            sawAnyByte = true
            if byte == newline { self.line += 1 }
            if quoted {
                if byte == quote {
                    if self.peekByte() == nil, !self.atEnd, let next = try self.nextByte() {
                        // The buffer ended right after a quote: look at the byte that follows.
                        self.position -= 1
                        if next == quote {
                            self.position += 1
                            field.append(quote)
                            continue
                        }
                        quoted = false
                        afterClosingQuote = true
                        continue
                    }
                    if self.peekByte() == quote {
                        self.position += 1
                        field.append(quote)
                    } else {
                        quoted = false
                        afterClosingQuote = true
                    }
                } else {
                    field.append(byte)
                }
            } else if afterClosingQuote, byte != self.delimiter, byte != newline, byte != carriageReturn {
                // "ab"cd: RFC 4180 has nothing after a closing quote; taking it would silently lose the quote.
                throw CatalogError(
                    .invalidInput,
                    RowProblem(
                        file: self.file,
                        line: startLine,
                        column: "row",
                        reason: ImportMessages.textAfterClosingQuote
                    )
                    .text
                )
            } else if byte == self.delimiter {
                fields.append(field)
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
                afterClosingQuote = false
            } else if byte == newline {
                fields.append(field)
                return Record(line: startLine, fields: fields)
            } else if byte == carriageReturn {
                continue
            } else if byte == quote && !fieldStarted {
                quoted = true
                fieldStarted = true
            } else {
                field.append(byte)
                fieldStarted = true
            }
            if field.count > Self.maximumFieldBytes {
                throw CatalogError(
                    .invalidInput,
                    RowProblem(
                        file: self.file,
                        line: startLine,
                        column: "row",
                        reason: ImportMessages.valueTooLong(Self.maximumFieldBytes)
                    ).text
                )
            }
        }
    }
}
