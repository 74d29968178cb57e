/// Where each product an import wrote into an empty catalogue was read (a file's number and a line), by the
/// product's rowid: when the product table's key refuses a code given twice, the message can still name the row
/// that gave it first. Four bytes a row, so a million rows hold 4 MB.
struct RowPlaces {
    /// The rowid of the first row written; the others follow it one by one (SQLite gives an empty table's
    /// inserts consecutive rowids).
    private var firstRowID: Int64?
    private var lines: [Int32] = []
    /// Where each file's rows start in `lines`, and the file's number.
    private var fileStarts: [(index: Int, file: Int)] = []

    /// Notes that the row with `rowID`, the next written, was read at `line` of file number `file`.
    mutating func append(rowID: Int64, file: Int, line: Int) {
        if self.firstRowID == nil { self.firstRowID = rowID }
        // Not the next rowid: the places of this row and any after it are unknown rather than wrong.
        guard rowID == (self.firstRowID ?? rowID) + Int64(self.lines.count) else { return }
        if self.fileStarts.last?.file != file { self.fileStarts.append((self.lines.count, file)) }
        self.lines.append(Int32(clamping: line))
    }

    /// The file number and line the row with `rowID` was read at, or `nil` for a row this import did not write.
    func place(of rowID: Int64) -> (file: Int, line: Int)? {
        guard let firstRowID = self.firstRowID else { return nil }
        let index = Int(rowID - firstRowID)
        guard self.lines.indices.contains(index),
            let start = self.fileStarts.last(where: { $0.index <= index })
        else { return nil }
        return (start.file, Int(self.lines[index]))
    }
}
