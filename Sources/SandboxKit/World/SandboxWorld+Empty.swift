extension SandboxWorld {
    /// A world with no records at all (only the ConnectWise codebase and the Autotask zone).
    public static func empty() -> SandboxWorld {
        SandboxWorld(connectWise: ConnectWiseWorld(), autotask: AutotaskWorld(), acronis: AcronisWorld())
    }
}
