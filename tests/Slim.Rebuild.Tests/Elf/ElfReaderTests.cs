using Slim.Rebuild.Elf;

namespace Slim.Rebuild.Tests.Elf;

public sealed class ElfReaderTests
{
    [Fact]
    public void A_dynamic_executable_names_its_interpreter_and_libc()
    {
        using var file = File.OpenRead("/bin/ls");

        var info = ElfReader.TryRead(file);

        Assert.NotNull(info);
        Assert.True(info.IsDynamic);
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", info.Interpreter);
        Assert.Contains("libc.so.6", info.Needed);
    }

    [Fact]
    public void A_shared_library_is_read_as_one()
    {
        using var file = File.OpenRead(new HostFiles().Resolve("/lib/x86_64-linux-gnu/libm.so.6")!);

        var info = ElfReader.TryRead(file);

        Assert.NotNull(info);
        Assert.Equal(ElfKind.SharedObject, info.Kind);
        Assert.Contains("libc.so.6", info.Needed);
    }

    [Fact]
    public void A_script_is_not_elf()
    {
        using var stream = new MemoryStream("#!/bin/sh\necho hi\n"u8.ToArray());

        Assert.Null(ElfReader.TryRead(stream));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(1000)]
    public void A_truncated_elf_gives_null_not_an_exception(int length)
    {
        var bytes = File.ReadAllBytes("/bin/ls").AsSpan(0, length).ToArray();

        var info = ElfReader.TryRead(new MemoryStream(bytes));

        Assert.True(info is null || info.Needed.Count == 0);
    }

    [Fact]
    public void A_corrupt_program_header_table_is_refused()
    {
        var bytes = File.ReadAllBytes("/bin/ls");
        BitConverter.GetBytes(long.MaxValue / 2).CopyTo(bytes, 32); // e_phoff far past the end

        Assert.Null(ElfReader.TryRead(new MemoryStream(bytes)));
    }

    [Fact]
    public void An_importer_of_iconv_open_says_so_and_libc_that_defines_it_does_not()
    {
        var host = new HostFiles();
        using var cxx = File.OpenRead(host.Resolve("/lib/x86_64-linux-gnu/libstdc++.so.6")!);
        using var libc = File.OpenRead(host.Resolve("/lib/x86_64-linux-gnu/libc.so.6")!);
        using var ls = File.OpenRead("/bin/ls");

        Assert.Equal([ElfReader.IconvOpen], ElfReader.TryRead(cxx)!.Imports);
        Assert.Empty(ElfReader.TryRead(libc)!.Imports); // defined there, not imported
        Assert.Empty(ElfReader.TryRead(ls)!.Imports);
    }

    [Fact]
    public void Section_headers_past_the_end_give_no_imports_not_an_exception()
    {
        var bytes = File.ReadAllBytes(new HostFiles().Resolve("/lib/x86_64-linux-gnu/libstdc++.so.6")!);
        BitConverter.GetBytes(long.MaxValue / 2).CopyTo(bytes, 40); // e_shoff far past the end

        var info = ElfReader.TryRead(new MemoryStream(bytes));

        Assert.NotNull(info);
        Assert.Empty(info.Imports);
        Assert.Contains("libc.so.6", info.Needed);
    }
}
