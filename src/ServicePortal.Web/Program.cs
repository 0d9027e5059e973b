using ServicePortal.Web;

return await PortalApp.RunAsync(args);

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
