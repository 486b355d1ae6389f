using Slim.Tracer.Init;
using Slim.Tracer.Native;
using Slim.Tracer.Startup;
using Slim.Tracer.Tracing;

// slim-tracer: the sensor that runs inside the target container. See Startup/TracerOptions.Usage.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    ErrorOutput.Line(TracerOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == TraceeStub.Mode)
{
    return TraceeStub.Run(args[1..]);
}

if (args[0] is not ("run" or "exec"))
{
    ErrorOutput.Line($"unknown command {args[0]}\n{TracerOptions.Usage}");
    return 2;
}

TracerOptions options;
try
{
    options = TracerOptions.Parse(args[0], args[1..]);
}
catch (ArgumentException e)
{
    ErrorOutput.Line(e.Message);
    return 2;
}

var self = SelfLauncher.Detect();
if (options.Kind == "run" && Libc.getpid() == 1 && !options.UnderInit)
{
    return ThinInit.Run(self, args);
}

return TracerHost.Run(options, self);
