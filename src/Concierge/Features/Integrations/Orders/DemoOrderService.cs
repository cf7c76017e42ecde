using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Concierge.Features.Integrations.Orders;

/// <summary>
/// A stand-in for the company's order system so the order skills work out of the box: a few seeded orders of the demo
/// customers and an after-sales endpoint, behind the connector's API key. Dates are relative to start-up so the
/// demo always reads as current. Replaced in production by pointing Concierge:Connectors:Orders:BaseUrl elsewhere.
/// </summary>
internal sealed class DemoOrderService(TimeProvider clock)
{
    public sealed record Order(string OrderNumber, string Customer, string Status, string? Courier, string? TrackingNumber, string? Eta, string Item);
    public sealed record AfterSalesRequest(string Type, string? Reason, string? Customer);
    public sealed record AfterSalesCreated(string RequestNumber, string OrderNumber, string Type, string Status);

    private readonly IReadOnlyDictionary<string, Order> _orders = Seed(clock.GetUtcNow());
    private readonly ConcurrentDictionary<string, AfterSalesCreated> _requests = new();
    private int _sequence;

    private static Dictionary<string, Order> Seed(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        string In(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        Order[] orders =
        [
            new("DD20261114001", "u-1001", "shipped", "SF Express", "SF1402837465921", In(2), "羊毛围巾 / Wool scarf"),
            new("DD20261102003", "u-1001", "delivered", "JD Logistics", "JDVA20481937265", null, "蓝牙耳机 / Bluetooth earbuds"),
            new("DD20261120005", "u-1001", "processing", null, null, In(1), "保温杯 / Insulated bottle"),
            new("DD20261118007", "u-1002", "shipped", "JD Logistics", "JDVA20496610384", In(1), "Running shoes"),
            new("DD20261105002", "u-1002", "delivered", "SF Express", "SF1402811190457", null, "Desk lamp"),
        ];
        return orders.ToDictionary(o => o.OrderNumber, StringComparer.OrdinalIgnoreCase);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/demo-api").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<OrdersApiKey>().Value;
            var given = context.HttpContext.Request.Headers["X-Api-Key"].ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected))
                ? await next(context)
                : TypedResults.Problem("A valid X-Api-Key header is required.", statusCode: 401);
        });
        api.MapGet("/orders", (string? customer, DemoOrderService service) => Results.Ok(service.OfCustomer(customer)));
        api.MapGet("/orders/{orderNumber}", (string orderNumber, string? customer, DemoOrderService service) =>
            service.Find(orderNumber, customer) is { } order ? Results.Ok(order) : Results.Problem("Order not found.", statusCode: 404));
        api.MapPost("/orders/{orderNumber}/after-sales", (string orderNumber, string? customer, AfterSalesRequest request, DemoOrderService service) =>
            service.RequestAfterSales(orderNumber, customer ?? request.Customer, request));
    }

    /// <summary>A customer's orders, newest first (what the agent's customer panel shows).</summary>
    public IReadOnlyList<Order> OfCustomer(string? customer) =>
        string.IsNullOrEmpty(customer) ? [] : _orders.Values.Where(o => o.Customer == customer).OrderByDescending(o => o.OrderNumber).ToList();

    /// <summary>An order is only shown to its own customer: another customer's number reads as unknown, not forbidden.</summary>
    public Order? Find(string orderNumber, string? customer) =>
        _orders.TryGetValue(orderNumber.Trim(), out var order) && string.Equals(order.Customer, customer, StringComparison.Ordinal) ? order : null;

    public IResult RequestAfterSales(string orderNumber, string? customer, AfterSalesRequest request)
    {
        if (Find(orderNumber, customer) is not { } order) return Results.Problem("Order not found.", statusCode: 404);
        if (request.Type is not ("return" or "exchange" or "repair"))
            return Results.Json(new { code = "invalid_type", message = "type must be return, exchange or repair" }, statusCode: 422);
        if (order.Status == "processing")
            return Results.Json(new { code = "not_shipped", message = "The order has not shipped yet." }, statusCode: 409);
        var number = $"AS{clock.GetUtcNow():yyyyMMdd}{Interlocked.Increment(ref _sequence):D4}";
        var created = new AfterSalesCreated(number, order.OrderNumber, request.Type, "submitted");
        _requests[number] = created;
        return Results.Json(created, statusCode: 201);
    }
}
