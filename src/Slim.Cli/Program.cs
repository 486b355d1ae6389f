using Slim.Cli.Commands;

return await SlimCommandLine.RunAsync(args).ConfigureAwait(false);
