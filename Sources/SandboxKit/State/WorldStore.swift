/// All live records of the three APIs: one world shared by them.
struct WorldStore: Sendable {
    var connectWise: ConnectWiseStore
    var autotask: AutotaskStore
    var acronis: AcronisStore

    init(world: SandboxWorld) throws {
        connectWise = try ConnectWiseStore(world: world.connectWise)
        autotask = try AutotaskStore(world: world.autotask)
        acronis = try AcronisStore(world: world.acronis)
    }

    var world: SandboxWorld {
        SandboxWorld(connectWise: connectWise.world, autotask: autotask.world, acronis: acronis.world)
    }
}
