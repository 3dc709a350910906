using System.ComponentModel.DataAnnotations;

namespace Universe.Runtime;

/// <summary>
/// <c>Runtime:ServicePorts</c>: the range that <c>portDefinitions[].port</c> and <c>portMappings[].servicePort</c> 0 are
/// assigned from, Marathon's <c>--local_port_min</c>/<c>--local_port_max</c>. As in Marathon, <see cref="Max"/> itself
/// is not handed out (the range is <c>[Min, Max)</c>).
/// </summary>
internal sealed class ServicePortsOptions
{
    [Range(1, 65535)]
    public int Min { get; set; } = 10000;

    [Range(2, 65536)]
    public int Max { get; set; } = 20000;
}
