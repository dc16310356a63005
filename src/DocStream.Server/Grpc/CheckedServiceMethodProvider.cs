using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace DocStream.Server.Grpc;

/// <summary>
/// Maps a service's methods as grpc-dotnet's own binder provider does (through the service's
/// <see cref="BindServiceMethodAttribute"/>), with every request marshaller checked (<see cref="CheckedRequests"/>). It stands
/// in for that provider for every service, so that health and reflection, whose marshallers are generated in their
/// packages, answer malformed bytes with INVALID_ARGUMENT as DocStream's own service does.
/// </summary>
/// <typeparam name="TService">The service class mapped with <c>MapGrpcService</c>.</typeparam>
public sealed class CheckedServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        if (attribute is null)
        {
            return;
        }

        // The generated class also has a one-parameter BindService that builds a ServerServiceDefinition.
        var bindMethod = attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .SingleOrDefault(method => method.Name == attribute.BindMethodName
                && method.GetParameters() is [{ ParameterType: var binder }, _] && binder == typeof(ServiceBinderBase))
            ?? throw new InvalidOperationException($"{attribute.BindType} has no static method {attribute.BindMethodName}(ServiceBinderBase, service) to bind {typeof(TService)}.");
        var serviceBaseType = bindMethod.GetParameters()[1].ParameterType;
        bindMethod.Invoke(null, [new Binder(context, serviceBaseType), null]);
    }

    /// <summary>
    /// Receives the generated <c>BindService</c>'s methods (with no service instance, so no handlers) and adds each with
    /// the service class's override as its invoker and the endpoint metadata grpc-dotnet would give it.
    /// </summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type serviceBaseType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(TRequest), typeof(ServerCallContext)]);
            context.AddUnaryMethod(CheckedRequests.Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)]);
            context.AddClientStreamingMethod(CheckedRequests.Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddServerStreamingMethod(CheckedRequests.Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddDuplexStreamingMethod(CheckedRequests.Checked(method), metadata, invoker);
        }

        private (TInvoker Invoker, List<object> Metadata) Find<TInvoker>(string name, Type[] parameters)
            where TInvoker : Delegate
        {
            var implementation = Override(name, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService)} does not override {serviceBaseType}.{name}.");
            // The service's attributes first and the method's after, so that the method's win; then POST only.
            var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(implementation.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TInvoker)Delegate.CreateDelegate(typeof(TInvoker), implementation), metadata);
        }

        /// <summary>The public method of that name and signature that overrides the generated base's, nearest the service class.</summary>
        private MethodInfo? Override(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly, null, parameters, null);
                // A method that only hides the base's (new, not override) is not the one grpc calls; look further down.
                if (candidate is { IsVirtual: true } && candidate.GetBaseDefinition().DeclaringType == serviceBaseType)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
