using System.Formats.Tar;
using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

/// <summary>Claims CanSeek only so a tar writer trusts its Length; seeking itself stays refused.</summary>
public sealed class KnownLengthStreamConformance : ReadStreamConformance
{
    protected override bool DisposesInner => true;

    protected override bool ClaimsCanSeek => true;

    protected override bool Seeks => false;

    protected override bool ReportsLength => true;

    protected override bool ReportsPosition => true;

    protected override Stream Open(byte[] content) => new KnownLengthStream(Inner(content), content.Length);

    [Fact]
    public void A_tar_writer_takes_an_entry_from_it_as_is()
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "f") { DataStream = Open(Content) });
        }

        archive.Position = 0;
        using var reader = new TarReader(archive);
        var entry = reader.GetNextEntry()!;
        var back = new MemoryStream();
        entry.DataStream!.CopyTo(back);

        Assert.Equal(Content.Length, entry.Length);
        Assert.Equal(Content, back.ToArray());
    }
}
