import { crc32 } from 'node:zlib';
import { detectDocumentType, safeFilename, zipEntryNames } from './document-type';

/** A stored (uncompressed) ZIP with the given entry names, optionally with an archive comment. */
function zip(names: string[], comment = ''): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from('<x/>');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...parts, directory, end, Buffer.from(comment)]);
}

describe('document type detection', () => {
  it('recognizes a PDF by its signature', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n…'))?.contentType).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from('%PDX-1.7'))).toBeNull();
  });

  it('tells DOCX from XLSX by the entries of the package', () => {
    expect(detectDocumentType(zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']))?.format).toBe(
      'docx',
    );
    expect(detectDocumentType(zip(['[Content_Types].xml', 'xl/workbook.xml']))?.format).toBe('xlsx');
    expect(detectDocumentType(zip(['[Content_Types].xml', 'xl/workbook.xml'], 'a comment'))?.format).toBe(
      'xlsx',
    );
  });

  it('refuses other ZIPs, OOXML it does not accept, and anything else', () => {
    expect(detectDocumentType(zip(['word/document.xml']))).toBeNull(); // no [Content_Types].xml
    expect(detectDocumentType(zip(['[Content_Types].xml', 'ppt/presentation.xml']))).toBeNull();
    expect(detectDocumentType(zip(['readme.txt']))).toBeNull();
    expect(detectDocumentType(Buffer.from('MZ\x90\x00 an executable'))).toBeNull();
    expect(detectDocumentType(Buffer.from('<html>not a document</html>'))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
  });

  it('survives truncated or corrupt archives', () => {
    const good = zip(['[Content_Types].xml', 'word/document.xml']);
    expect(zipEntryNames(good.subarray(0, 40))).toBeNull();
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(0xffffffff, corrupt.length - 6); // central directory offset out of range
    expect(zipEntryNames(corrupt)).toBeNull();
  });
});

describe('safe filenames', () => {
  it('drops paths and odd characters and adds the detected extension', () => {
    expect(safeFilename('../../etc/passwd', '.pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\me\\Concept note (v2).PDF', '.pdf')).toBe('Concept note (v2).PDF');
    expect(safeFilename('budget<script>.xlsx', '.xlsx')).toBe('budget_script_.xlsx');
    expect(safeFilename('', '.docx')).toBe('document.docx');
    expect(safeFilename('Lettre d’approbation du gouvernement', '.pdf')).toBe(
      'Lettre d_approbation du gouvernement.pdf',
    );
  });
});
