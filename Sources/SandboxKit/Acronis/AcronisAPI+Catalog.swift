extension AcronisAPI {
    static func addCatalogRoutes(to routes: inout RouteTable<HandlerContext>) {}
    static func addUserRoutes(to routes: inout RouteTable<HandlerContext>) {}
    static func addAlertRoutes(to routes: inout RouteTable<HandlerContext>) {}
}
