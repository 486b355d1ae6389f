using System.Text;
using Slim.Trace;

namespace Slim.Tracer.Tests.Unit;

public sealed class ShebangLineTests
{
    [Theory]
    [InlineData("#!/bin/sh\necho hi\n", "/bin/sh", null)]
    [InlineData("#! /bin/bash -e\n", "/bin/bash", "-e")]
    [InlineData("#!\t/usr/bin/env  python3 -u \r\n", "/usr/bin/env", "python3 -u")]
    [InlineData("#!relative/interp\n", "relative/interp", null)]
    [InlineData("#!/bin/sh", "/bin/sh", null)] // no newline, but the name ends before the buffer does
    public void The_interpreter_and_its_one_argument_are_read_as_the_kernel_reads_them(string text, string interpreter, string? argument)
    {
        var line = ShebangLine.TryParse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new ShebangLine(interpreter, argument), line);
    }

    [Theory]
    [InlineData("\u007fELF")]
    [InlineData("# comment\n")]
    [InlineData("#!\n")]
    [InlineData("#!   \n")]
    [InlineData("")]
    public void Files_the_kernel_would_not_run_as_scripts_give_none(string text)
    {
        Assert.Null(ShebangLine.TryParse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void An_interpreter_name_running_past_the_kernels_buffer_gives_none()
    {
        var text = "#!/" + new string('a', ShebangLine.HeadSize) + "\n";

        Assert.Null(ShebangLine.TryParse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("#!/usr/bin/env sh\n", "sh")]
    [InlineData("#!/usr/bin/env -S python3 -u\n", "python3")]
    [InlineData("#!/usr/bin/env -Snode\n", "node")]
    [InlineData("#!/usr/bin/env -i LANG=C -u HOME perl -w\n", "perl")]
    [InlineData("#!/usr/bin/env -- /opt/app/run\n", "/opt/app/run")]
    [InlineData("#!/usr/bin/env\n", null)]
    [InlineData("#!/bin/sh -e\n", null)]
    public void The_program_env_runs_skips_its_options_and_assignments(string text, string? program)
    {
        Assert.Equal(program, ShebangLine.TryParse(Encoding.UTF8.GetBytes(text))!.EnvProgram());
    }
}
