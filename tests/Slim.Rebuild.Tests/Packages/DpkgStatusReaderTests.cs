using Slim.Rebuild.Packages;

namespace Slim.Rebuild.Tests.Packages;

public sealed class DpkgStatusReaderTests
{
    [Fact]
    public void Each_paragraph_is_read_with_its_fields_and_its_text_byte_for_byte()
    {
        var stanzas = DpkgStatusReader.Read(DpkgFixture.Status);

        Assert.Equal(["libc6", "base-files", "tzdata", "oldpkg"], stanzas.Select(s => s.Package));
        var libc = stanzas[0];
        Assert.Equal(("2.36-9+deb12u4", "amd64", "install ok installed"), (libc.Version, libc.Architecture, libc.Status));
        Assert.Equal(DpkgFixture.Libc6, libc.Text);
        Assert.Equal(DpkgFixture.BaseFiles, stanzas[1].Text);
    }

    [Fact]
    public void Continuation_lines_do_not_become_fields()
    {
        // " /etc/debian_version 4e1a…" under Conffiles and " the system." under Description have colons nowhere meaningful.
        var stanza = DpkgStatusReader.Read("Package: a\nVersion: 1\nDescription: x\n Version: not this\nArchitecture: all\n\n").Single();

        Assert.Equal(("1", "all"), (stanza.Version, stanza.Architecture));
    }

    [Fact]
    public void Config_files_only_packages_are_not_installed()
    {
        var stanzas = DpkgStatusReader.Read(DpkgFixture.Status);

        Assert.True(stanzas[0].IsInstalled);
        Assert.False(stanzas[3].IsInstalled);
    }

    [Fact]
    public void A_status_file_without_a_final_blank_line_still_ends_its_last_paragraph()
    {
        var stanzas = DpkgStatusReader.Read("Package: a\nVersion: 1\n\nPackage: b\nVersion: 2");

        Assert.Equal(["a", "b"], stanzas.Select(s => s.Package));
        Assert.Equal("Package: b\nVersion: 2\n", stanzas[1].Text);
    }
}
