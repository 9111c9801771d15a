using MarketIntel.Host;

await using var app = MarketIntelHost.Build(args);
await app.RunAsync();
