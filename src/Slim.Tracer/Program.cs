using Slim.Trace;
using Slim.Tracer.Init;
using Slim.Tracer.Native;
using Slim.Tracer.Startup;
using Slim.Tracer.Tracing;

// slim-tracer: the sensor that runs inside the target container. See Slim.Trace.TracerArguments.Usage.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    ErrorOutput.Line(TracerArguments.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == TraceeStub.Mode)
{
    return TraceeStub.Run(args[1..]);
}

TracerArguments arguments;
try
{
    arguments = TracerArguments.Parse(args);
}
catch (ArgumentException e)
{
    ErrorOutput.Line(e.Message);
    return 2;
}

var self = SelfLauncher.Detect();
if (arguments.Kind == TraceKind.Run && Libc.getpid() == 1 && !arguments.UnderInit)
{
    return ThinInit.Run(self, arguments);
}

return TracerHost.Run(arguments, self);
